from bot.settings import Settings


def test_office_hours_default_depends_on_environment() -> None:
    assert Settings.from_env({}).office_hours == "always"
    assert Settings.from_env({"WEGWIJZER_ENV": "production"}).office_hours == "mon-fri 09:00-17:00"
    assert Settings.from_env({"WEGWIJZER_OFFICE_HOURS": "sat 10:00-12:00"}).office_hours == "sat 10:00-12:00"


def test_numbers_from_the_environment_are_checked() -> None:
    import pytest

    with pytest.raises(ValueError, match="WEGWIJZER_PORT must be a whole number"):
        Settings.from_env({"WEGWIJZER_PORT": "vijf"})
