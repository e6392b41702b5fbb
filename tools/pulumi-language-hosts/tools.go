//go:build tools

// Package tools pins the Node.js and Python language hosts, which lived inside the SDK module
// github.com/pulumi/pulumi/sdk/v3 until v3.68.0 (their later modules are refused by the proxy).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
