# For developers who have make: each target is the same command of ./dev,
# which does the work (and installs what is missing) with nothing but sh.
#   make briefing   install what is missing and build out/briefing.* from seeds/
#   make test       run the test suite
.PHONY: briefing test install bench fuzz clean

briefing test install bench clean:
	./dev $@

FUZZ_SECONDS ?= 120
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./dev fuzz
