"""Build hook: the checkout's ``seeds/`` ships inside the package as ``bot/data/seeds``."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# Relative to the project root, which is the working directory of every build (pip, build, sdist).
SEEDS = Path("seeds")
PACKAGED_SEEDS = Path("bot", "data", "seeds")


class BuildWithSeeds(build_py):
    """``build_py`` that also copies ``seeds/`` into the built package.

    The seeds stay at the top of the checkout (they are the user's articles, edited in place);
    an installed wheel has no checkout, so it carries a copy that ``bot.settings`` finds with
    ``importlib.resources``. Editable installs read the checkout's folder directly.
    """

    def run(self) -> None:
        """Build the package as usual, then add the seed articles beside its data files."""
        super().run()
        if self.editable_mode or not SEEDS.is_dir():
            return
        target = Path(self.build_lib) / PACKAGED_SEEDS
        self.mkpath(str(target))
        for source in sorted(SEEDS.iterdir()):
            if source.is_file() and not source.name.startswith("."):
                self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithSeeds})
