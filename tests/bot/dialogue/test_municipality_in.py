"""The municipality a story names is where the person lives only when nothing says it is the place
of something else (citizen test G: eight stories stored the hospital's, the firm's or the
university's town as "u woont in ...")."""

from __future__ import annotations

import pytest

from bot.dialogue.municipality import municipality_in


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("ik ben ziek, ik woon in Genk", "Genk"),
        ("we hebben een huis gekocht in Lokeren", "Lokeren"),
        ("ik werk in Gent maar woon in Aalst", "Aalst"),
        ("ons moeder is vannacht gestorven in het ziekenhuis in Aalst", None),
        ("ik werk bij Barco in Kortrijk", None),
        ("ons dochter gaat volgend jaar naar de unief in Leuven", None),
        # citizen test J: another person's town, a compound firm name, a correction with "nie in"
        ("mijn vader (84), hij woont in Lier. ik werk voltijds en ik woon zelf in Boom", "Boom"),
        ("mijn moeder woont in Lier", None),
        ("ik zorg voor mijn moeder in Lier", None),
        ("ontslagen bij een transportfirma in Genk", None),
        ("ik woon in Zonhoven, de firma is in Genk", "Zonhoven"),
        ("ik woon in Boom, nie in Lier", "Boom"),
        ("ze wonen in Gent en ik in Aalst", "Aalst"),
        ("mijn vrouw en ik wonen in Hasselt", "Hasselt"),
        ("Mijn ex woont al in Brugge, ik woon met de kinderen nog in Torhout.", "Torhout"),
        # citizen test M: the place moved to, with a typo, never the place moved from
        ("Vorige dinsdag zijn we verhuisd van Berchem naar Mortsl, we huren een huis", "Mortsel"),
        ("ik verhuis van Gent naar Spanje", None),
        # citizen test N: the verb at the end, lower case, typos; a study town; "bij ons in"
        ("wij zijn zaterdag van berchem naar mortsl verhuisd", "Mortsel"),
        ("wij zijn zaterdag van Berchem naar Mortsel verhuisd", "Mortsel"),
        ("ik ga naar huis verhuizen", None),
        ("ik begin in februari aan een bachelor in Leuven", None),
        ("ze blijft bij ons in Hasselt wonen", "Hasselt"),
        ("mijn vader is overleden in het AZ Sint-Jan in Brugge. hij woonde alleen in Sint-Kruis", None),
        ("wij zijn op 14 november verhuisd van Antwerpen naar Kapellen", "Kapellen"),
    ],
)
def test_the_place_of_something_else_is_not_the_home(text: str, municipality: str | None) -> None:
    found = municipality_in(text)
    assert (found.municipality.name_nl if found else None) == municipality
