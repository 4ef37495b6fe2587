"""Story clustering: the same real-world event reported by several outlets becomes one story."""
