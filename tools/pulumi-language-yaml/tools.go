//go:build tools

// Package tools pins the YAML language host so `go build` can produce it from the Go module proxy.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
