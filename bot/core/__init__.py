"""Pure, synchronous, deterministic text logic and the models every other layer shares."""
