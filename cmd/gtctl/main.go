// Command gtctl keeps Amazon SageMaker Ground Truth labeling jobs as
// reviewed code: lint specs, plan against the account, apply.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"cuelang.org/go/cue/cuecontext"

	"github.com/gtctl/gtctl/pkg/config"
	"github.com/gtctl/gtctl/pkg/groundtruth"
	"github.com/gtctl/gtctl/pkg/jsonschema"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/report"
	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/rules/ruledoc"
	"github.com/gtctl/gtctl/schema"
)

// Exit codes (DESIGN.md): 0 clean, 1 findings, 2 usage or unreadable path.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// version is set by -ldflags at release time.
var version = "dev"

const usage = `gtctl keeps SageMaker Ground Truth labeling jobs as reviewed code.

Usage:
  gtctl lint [flags] [PATH...]   check spec files and directories (default .)
  gtctl plan [flags] [PATH...]   show what apply would do in the account (alias: diff)
  gtctl apply [flags] [PATH...]  upload local artifacts and create the missing jobs
  gtctl import [flags] NAME...   write specs for jobs that already exist
  gtctl rules                    list the rule catalog
  gtctl explain RULE             show one rule in full
  gtctl schema [--format cue|jsonschema]
                                 print the schema specs are checked against
  gtctl version                  print version information

Run "gtctl COMMAND -h" for a command's flags.
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades memory the process does not need for start-up time: a
// pre-commit hook lints one file, and the collector running every few
// megabytes while the schema compiles costs a third of that run. The soft
// limit keeps large runs within their memory bound. GOGC and GOMEMLIMIT in
// the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(48 << 20)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "lint":
		return runLint(rest, stdin, stdout, stderr)
	case "plan", "diff":
		return runPlan(rest, stdin, stdout, stderr)
	case "apply":
		return runApply(rest, stdin, stdout, stderr)
	case "import":
		return runImport(rest, stdout, stderr)
	case "rules":
		return runRules(rest, stdout, stderr)
	case "explain":
		return runExplain(rest, stdout, stderr)
	case "schema":
		return runSchema(rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "gtctl %s\nAPI model: SageMaker 2017-07-24 (botocore 1.43.11)\nrule catalog: %d rules\n", version, len(rules.All()))
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "gtctl: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	report.Version = version
	fs := newFlags("lint", `Usage: gtctl lint [flags] [PATH...]

Checks CreateLabelingJob specs (*.yaml, *.yml, *.json, and *.cue: the .cue
files of a directory are one CUE package whose top-level "jobs" are specs;
directories are walked recursively; "-" reads stdin) against the schema, the
Ground Truth rules and the policies listed in .gtctl.yaml. Never calls AWS
unless --online: then it also makes the read calls of the online rules (the
role's MaxSessionDuration, objects and buckets exist and
are in the job Region, bucket CORS, the work team exists, the job name is
free) with the standard AWS configuration, in each job's Region.

Exit status: 0 no errors, 1 errors found (or warnings with --strict),
2 usage error or a path that cannot be read.`, stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", ")+
		"\n(text: for people; json: the documented contract; sarif: SARIF 2.1.0 for code scanning;\ngithub: GitHub Actions annotations; junit: JUnit XML, a testcase per job)")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	region := fs.String("region", "", "job Region when no ARN in a spec carries one (default $AWS_REGION); a --region that contradicts a spec's ARNs is reported")
	workers := fs.Int("workers", 0, "files linted in parallel (default: one per CPU)")
	noColor := fs.Bool("no-color", false, "never colour the text output (NO_COLOR in the environment does the same)")
	configFile := fs.String("config", "", "configuration file (default: .gtctl.yaml found upward from the working directory)")
	skipNonSpecs := fs.Bool("skip-non-specs", false, "treat named files like a directory walk does: skip YAML/JSON that has no CreateLabelingJob member (for pre-commit, which passes every staged file)")
	noIgnore := fs.Bool("no-ignore", false, "show every finding: ignore inline gtctl:ignore comments and rules switched off in the configuration")
	maxPerFile := fs.Int("max-findings-per-file", 100, "findings reported per referenced file (a manifest) before one summary finding")
	online := fs.Bool("online", false, "also run the online rules: AWS read calls (IAM, S3, SageMaker) in each job's Region")
	profile := fs.String("profile", "", "AWS shared-config profile for --online (default: AWS_PROFILE, then default)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if !contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "gtctl lint: unknown --format %q (want one of %s)\n", *format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	cfg, err := loadConfig(*configFile)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl lint: configuration: %v\n", err)
		return exitUsage
	}
	inputs, err := lint.Expand(fs.Args(), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "gtctl lint: %v\n", err)
		return exitUsage
	}
	if *skipNonSpecs {
		for i := range inputs {
			inputs[i].FromDir = true
		}
	}
	var clients *regionClients // --online (online.go)
	if *online {
		if clients, err = startOnline(context.Background(), *profile, firstNonEmpty(*region, cfg.Region, os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION"))); err != nil {
			fmt.Fprintf(stderr, "gtctl lint: --online: %v\n", err)
			return exitUsage
		}
	}
	l, err := lint.New(clients.lintOptions(lint.Options{
		Region:             *region,
		DefaultRegion:      firstNonEmpty(cfg.Region, os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION")),
		Workers:            *workers,
		KeepSources:        *format == "text",
		MaxFindingsPerFile: *maxPerFile,
		Config:             cfg,
		NoIgnore:           *noIgnore,
	}, false))
	if err != nil {
		fmt.Fprintf(stderr, "gtctl lint: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	color := *format == "text" && !*noColor && os.Getenv("NO_COLOR") == "" && isTerminal(stdout)
	rw, err := report.New(stdout, *format, report.Options{Color: color})
	if err != nil {
		fmt.Fprintf(stderr, "gtctl lint: %v\n", err)
		return exitUsage
	}
	var files, jobs, errs, warns int
	err = l.Stream(ctx, inputs, func(r *lint.FileResult) error {
		if r.Skipped {
			return nil
		}
		files++
		jobs += r.Jobs
		e, w, _ := report.Counts(r.Diagnostics)
		errs, warns = errs+e, warns+w
		return rw.File(r)
	})
	if err != nil {
		fmt.Fprintf(stderr, "gtctl lint: %v\n", err)
		return exitUsage
	}
	if err := rw.Close(files, jobs); err != nil {
		fmt.Fprintf(stderr, "gtctl lint: %v\n", err)
		return exitUsage
	}
	if errs > 0 || *strict && warns > 0 {
		return exitFindings
	}
	return exitOK
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rules", "Usage: gtctl rules\n\nLists every rule: ID, severity, mode and title.", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	for _, r := range rules.All() {
		mode := ""
		if r.Online {
			mode = " (online)"
		}
		fmt.Fprintf(stdout, "%s  %-7s  %s%s\n", r.ID, r.Severity, r.Title, mode)
	}
	return exitOK
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", "Usage: gtctl explain RULE\n\nShows one rule in full, with the documentation it encodes.", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	id := strings.ToUpper(fs.Arg(0))
	r, ok := rules.Get(id)
	if !ok {
		fmt.Fprintf(stderr, "gtctl explain: no rule %s", fs.Arg(0))
		if s := rules.Suggest(id); len(s) > 0 {
			fmt.Fprintf(stderr, "; did you mean %s?", strings.Join(s, ", "))
		}
		fmt.Fprintln(stderr)
		return exitUsage
	}
	// The same text is each rule's help in SARIF output.
	fmt.Fprint(stdout, ruledoc.Text(r))
	return exitOK
}

func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("schema", `Usage: gtctl schema [--format cue|jsonschema]

Prints the schema that specs are checked against.

  cue         the CUE sources: the request structure generated from the
              SageMaker API model, and the Ground Truth facts
  jsonschema  a JSON Schema (draft-07) of a spec document, generated from
              the same CUE, for editors: yaml-language-server / VS Code YAML
              (# yaml-language-server: $schema=gtctl.schema.json) and other
              validators. It checks structure, types, lengths, ranges and
              patterns; gtctl lint checks the Ground Truth rules beyond it.`, stderr)
	format := fs.String("format", "cue", "schema format: cue, jsonschema")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gtctl schema: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	switch *format {
	case "cue":
		for _, f := range schema.Files() {
			fmt.Fprintf(stdout, "// ---- %s ----\n%s\n", f.Name, f.Data)
		}
		return exitOK
	case "jsonschema", "json-schema":
		v, err := groundtruth.Compile(cuecontext.New())
		if err != nil {
			fmt.Fprintf(stderr, "gtctl schema: %v\n", err)
			return exitUsage
		}
		b, err := jsonschema.Generate(v)
		if err != nil {
			fmt.Fprintf(stderr, "gtctl schema: %v\n", err)
			return exitUsage
		}
		if _, err := stdout.Write(b); err != nil {
			fmt.Fprintf(stderr, "gtctl schema: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "gtctl schema: unknown --format %q (want cue or jsonschema)\n", *format)
	return exitUsage
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// loadConfig reads --config, or .gtctl.yaml found upward from the working
// directory; no file means the defaults.
func loadConfig(explicit string) (*config.Config, error) {
	file := explicit
	if file == "" {
		var err error
		if file, err = config.Find("."); err != nil {
			return nil, err
		}
	}
	return config.Load(file)
}
