# gori: the two commands of the README, plus build/bench/fuzz helpers.
#   make run    install missing Debian packages, build the gori binary, check the bundled example
#   make test   same setup, then every test (GCC -Werror build and clang-14 ASan+UBSan build)
.PHONY: all deps build run test test-release test-asan bench fuzz image format format-check clean docs

JOBS ?= $(shell nproc)

all: build

deps:
	@scripts/install-deps

build/build.ninja: CMakeLists.txt CMakePresets.json | deps
	cmake --preset release >/dev/null

build: deps build/build.ninja
	cmake --build --preset release -j $(JOBS)

# Only the gori binary: the tests are built by `make test`.
run: deps build/build.ninja
	cmake --build --preset release -j $(JOBS) --target gori
	@./build/gori check examples/; rc=$$?; \
	if [ $$rc -le 1 ]; then echo "(gori check exit code $$rc: 0 clean, 1 findings at/above --fail-on)"; else exit $$rc; fi

test: test-release test-asan

test-release: build
	ctest --preset release

build-asan/build.ninja: CMakeLists.txt CMakePresets.json | deps
	cmake --preset asan >/dev/null

test-asan: deps build-asan/build.ninja
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan

# docs/rules.md is generated from the rules' metadata (tests/integration/rules_doc_test.sh
# fails when it is stale).
docs: build
	./build/gori rules --format markdown > docs/rules.md

bench: build
	scripts/bench

# An OCI archive of gori (build/gori-image.tar, gori/gori:VERSION) from the repository's own
# files: no base image, no daemon (scripts/image says what it holds and how to push it).
image: deps
	scripts/image

# Every libFuzzer target for FUZZ_SECONDS each (default 60); findings in build-asan/crashes/.
fuzz: deps
	scripts/fuzz

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format-14 -i

format-check:
	@git ls-files '*.cc' '*.h' | xargs clang-format-14 --dry-run --Werror

clean:
	rm -rf build build-asan
