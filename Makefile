# gtctl: `make test` is what CI runs (.ci/run); `make lint-specs` lints the
# bundled examples.
GO ?= go

.PHONY: all build test vet lint-specs generate bench clean

all: build

build:
	$(GO) build -o bin/gtctl ./cmd/gtctl

# Unit tests, fixture tests and the generated-schema check.
test: vet
	$(GO) test ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

lint-specs:
	$(GO) run ./cmd/gtctl lint specs/

generate:
	$(GO) generate ./schema

bench:
	bench/lint.sh

clean:
	rm -rf bin bench/out
