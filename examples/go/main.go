// Command go-example deploys two Comm100 webhooks with the generated Go SDK
// (github.com/comm100-iac/pulumi-comm100/sdk/go/comm100).
//
// The Pulumi program is an Automation API inline program: this binary drives the `pulumi` CLI
// itself, so no Go language host is needed. It runs `up`, prints the outputs, then a `preview`
// that must show no changes; with -destroy it deletes the webhooks instead.
//
//	COMM100_BASE_URL=https://api11.comm100.io/v4 COMM100_ACCESS_TOKEN=... \
//	PULUMI_CONFIG_PASSPHRASE=... go run . [-destroy]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/comm100-iac/pulumi-comm100/sdk/go/comm100"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const projectName = "comm100-go-example"

// program declares the webhooks. Changing an event or a target URL here updates the webhook in
// place on the next run; removing one deletes it.
func program(target string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		started, err := comm100.NewWebhook(ctx, "chat-starts", &comm100.WebhookArgs{
			Event:     comm100.WebhookEventChatStarts,
			TargetUrl: pulumi.String(target + "/chat-starts"),
		})
		if err != nil {
			return err
		}
		ended, err := comm100.NewWebhook(ctx, "chat-ends", &comm100.WebhookArgs{
			Event:     comm100.WebhookEventChatEnds,
			TargetUrl: pulumi.String(target + "/chat-ends"),
		})
		if err != nil {
			return err
		}
		ctx.Export("chatStartsId", started.ID())
		ctx.Export("chatEndsId", ended.ID())
		return nil
	}
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	baseURL := flag.String("base-url", os.Getenv("COMM100_BASE_URL"), "Comm100 API base URL (default $COMM100_BASE_URL)")
	target := flag.String("target", "https://hooks.example.com", "where the webhooks POST to (a path per event is added)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "comm100-go-example"), "folder of the stack's settings and state (a file:// backend)")
	pluginDir := flag.String("plugin-dir", "../../bin", "folder holding pulumi-resource-comm100 (npm run build:plugin)")
	pulumiRoot := flag.String("pulumi-root", "", "folder holding bin/pulumi (default: pulumi on PATH)")
	destroy := flag.Bool("destroy", false, "delete the webhooks instead of deploying them")
	flag.Parse()

	// The token is read from the environment only, never from a flag (flags show in `ps`).
	token := os.Getenv("COMM100_ACCESS_TOKEN")
	if *baseURL == "" || token == "" {
		return fmt.Errorf("set COMM100_BASE_URL (or -base-url) and COMM100_ACCESS_TOKEN")
	}
	if os.Getenv("PULUMI_CONFIG_PASSPHRASE") == "" {
		return fmt.Errorf("set PULUMI_CONFIG_PASSPHRASE: it encrypts the token in the stack's settings")
	}
	plugins, err := filepath.Abs(*pluginDir)
	if err != nil {
		return err
	}
	state, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(state, 0o700); err != nil {
		return err
	}
	cli, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: *pulumiRoot})
	if err != nil {
		return err
	}

	// The project: a file:// backend in `state`, and the comm100 plugin taken from a folder
	// instead of being downloaded (the SDK asks for plugin version 0.1.0; a path satisfies it).
	project := workspace.Project{
		Name:    projectName,
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Plugins: &workspace.Plugins{Providers: []workspace.PluginOptions{
			{Name: "comm100", Path: plugins},
		}},
	}
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", projectName, program(*target),
		auto.Project(project),
		auto.WorkDir(state),
		auto.Pulumi(cli),
		auto.SecretsProvider("passphrase"),
		auto.EnvVars(map[string]string{
			"PULUMI_BACKEND_URL":                          "file://" + state,
			"PULUMI_SKIP_UPDATE_CHECK":                    "true",
			"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		}),
	)
	if err != nil {
		return err
	}

	// Provider configuration, as `pulumi config set` would store it; the token encrypted.
	if err := stack.SetConfig(ctx, "comm100:baseUrl", auto.ConfigValue{Value: *baseURL}); err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "comm100:accessToken", auto.ConfigValue{Value: token, Secret: true}); err != nil {
		return err
	}

	if *destroy {
		_, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout))
		return err
	}

	up, err := stack.Up(ctx, optup.ProgressStreams(os.Stdout))
	if err != nil {
		return err
	}
	fmt.Println("Outputs:")
	names := make([]string, 0, len(up.Outputs))
	for name := range up.Outputs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("  %s: %v\n", name, up.Outputs[name].Value)
	}

	// Right after `up`, the program and the account agree: the preview must change nothing.
	preview, err := stack.Preview(ctx, optpreview.ExpectNoChanges())
	if err != nil {
		return err
	}
	fmt.Printf("Preview after up: %v\n", preview.ChangeSummary)
	return nil
}
