"""Domain commands of the ``wegwijzer`` command (the command itself: ``rasa_ext.cli``)."""
