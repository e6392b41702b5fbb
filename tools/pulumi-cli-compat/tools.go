//go:build tools

// Package tools pins the newest Pulumi CLI the Go module proxy serves, for the compatibility run
// (npm run test:compat); tools/pulumi-cli pins the one the main suite runs.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
