"""``python -m rasa_ext.run <rasa arguments>``: Rasa's own command line, with our patches to Rasa
installed first (``rasa_ext.patches``). ``wegwijzer serve``, the tests and the Docker image start
the Rasa server this way; nothing is installed by importing a module."""

from __future__ import annotations


def main() -> None:
    from rasa_ext import patches

    patches.apply()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
