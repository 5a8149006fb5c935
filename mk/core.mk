# The C library as C users get it: install, then build examples/c.
TEST_TARGETS += c-example

.PHONY: c-example
c-example:
	scripts/c-example.sh
