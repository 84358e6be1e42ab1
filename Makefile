# The README's commands.  Real build logic lives in meson.build; this file
# only chains set-up, build and run.
BUILD ?= build
ASAN ?= build-asan
DEMO_DB ?= demo.db

.PHONY: all deps build demo check bench bench-import bench-unlock fuzz clean format

all: build

deps:
	@sh scripts/deps.sh build

build: deps
	@[ -d $(BUILD) ] || meson setup $(BUILD) >/dev/null
	@ninja -C $(BUILD)

demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).key
	@$(BUILD)/lbcare demo --db $(DEMO_DB)
	@$(BUILD)/lbcare serve --db $(DEMO_DB) --listen 127.0.0.1 --port 8080

check:
	@sh scripts/deps.sh test
	@sh scripts/check.sh

bench: build
	@sh bench/run.sh

bench-import: build
	@sh bench/import.sh

bench-unlock:
	@[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm ci --no-audit --no-fund)
	@node bench/unlock.mjs

clean:
	rm -rf $(BUILD) $(ASAN) build-fuzz

format:
	@clang-format -i src/*/*.c src/*/*.h src/*.c src/*.h
