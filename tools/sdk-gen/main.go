// Command sdk-gen writes the Python, Node.js and Go SDKs of a Pulumi package from its schema.
//
// `pulumi package gen-sdk` cannot do this here: it asks the language hosts to generate, and the
// hosts we can build are too old to implement GeneratePackage. So this program calls the code
// generators of github.com/pulumi/pulumi/pkg/v3 directly, as the hosts would.
//
// Usage: sdk-gen <schema.json> <out-folder>
//
// It writes <out>/python, <out>/nodejs and <out>/go; each must not exist yet, so that a file the
// schema no longer produces cannot linger (scripts/gen-sdk.sh deletes them first).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool is the name the generated files give as their author ("do not edit" headers).
const tool = "pulumi-comm100-sdk-gen"

// noLoader loads no packages. The comm100 schema refers to no other package, so a request to load
// one means the schema grew a dependency this program does not handle: fail loudly.
type noLoader struct{}

var errNoLoad = errors.New("sdk-gen loads no other packages; the schema must not refer to any")

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) { return nil, errNoLoad }
func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoLoad
}
func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoLoad
}
func (noLoader) LoadPackageReferenceV2(
	context.Context, *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, errNoLoad
}

// bind reads and validates the schema. Each language binds its own copy, because the generators
// decode their language section into the package they are given.
func bind(schemaPath string) (*schema.Package, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid package schema:\n%s", schemaPath, diags.Error())
	}
	return pkg, nil
}

// writeFiles writes the generated files (paths relative to dir) below dir, in a stable order.
func writeFiles(dir string, files map[string][]byte) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists already; delete it first", dir)
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[p], 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "[sdk-gen] %s: %d files\n", dir, len(paths))
	return nil
}

func run(schemaPath, out string) error {
	generators := []struct {
		dir      string
		generate func(*schema.Package) (map[string][]byte, error)
	}{
		{"python", func(pkg *schema.Package) (map[string][]byte, error) {
			return python.GeneratePackage(tool, pkg, nil, noLoader{})
		}},
		{"nodejs", func(pkg *schema.Package) (map[string][]byte, error) {
			// No local dependencies, and a package meant for a registry rather than a local SDK.
			return nodejs.GeneratePackage(tool, pkg, nil, nil, false, noLoader{})
		}},
		{"go", func(pkg *schema.Package) (map[string][]byte, error) {
			// Paths start with the package folder (comm100/), matching importBasePath .../sdk/go/comm100.
			return gogen.GeneratePackage(tool, pkg, nil)
		}},
	}
	for _, g := range generators {
		pkg, err := bind(schemaPath)
		if err != nil {
			return err
		}
		files, err := g.generate(pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", g.dir, err)
		}
		if err := writeFiles(filepath.Join(out, g.dir), files); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdk-gen <schema.json> <out-folder>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "[sdk-gen] error:", err)
		os.Exit(1)
	}
}
