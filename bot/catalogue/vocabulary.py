"""Vocabulary of the IPDC/LPDC catalogue: IRIs of the terms we read, and the government levels.

Sources: Informatievlaanderen/ipdc-lpdc (implementatiemodel + JSON-LD context),
lblod/app-lpdc-digitaal-loket (LDES stub contexts), LDES and TREE specifications.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

IPDC = "https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#"
DCT = "http://purl.org/dc/terms/"
CPSV = "http://purl.org/vocab/cpsv#"
M8G = "http://data.europa.eu/m8g/"
BELGIF_PS = "http://vocab.belgif.be/ns/publicservice#"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SHACL = "http://www.w3.org/ns/shacl#"
ADRES = "https://data.vlaanderen.be/ns/adres#"
TREE = "https://w3id.org/tree#"
LDES = "https://w3id.org/ldes#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _schema(local: str) -> tuple[str, str]:
    """schema.org terms appear with both http and https namespaces in the wild."""
    return (f"http://schema.org/{local}", f"https://schema.org/{local}")


P_TITLE = DCT + "title"
P_DESCRIPTION = DCT + "description"
P_IS_VERSION_OF = DCT + "isVersionOf"
P_GENERATED_AT = PROV + "generatedAtTime"
P_TYPE = DCT + "type"
P_COMPETENT_LEVEL = IPDC + "competentAuthorityLevel"
P_EXECUTING_LEVEL = IPDC + "executingAuthorityLevel"
P_REQUIREMENT = BELGIF_PS + "hasRequirement"
P_EVIDENCE = M8G + "hasSupportingEvidence"
P_PROCEDURE = CPSV + "follows"
P_COST = M8G + "hasCost"
P_CONTACT_POINT = M8G + "hasContactPoint"
P_ADDRESS = IPDC + "address"
P_WEBSITES = RDFS + "seeAlso"
P_PROCEDURE_WEBSITES = IPDC + "hasWebsite"
P_TARGET_AUDIENCE = IPDC + "targetAudience"
P_THEME = M8G + "thematicArea"
P_IS_ARCHIVED = IPDC + "isArchived"
P_SNAPSHOT_TYPE = IPDC + "snapshotType"
P_ORDER = SHACL + "order"
P_PRODUCT_ID = _schema("productID")
P_TELEPHONE = _schema("telephone")
P_EMAIL = _schema("email")
P_URL = _schema("url")
P_OPENING_HOURS = _schema("openingHours")
P_STREET = ADRES + "Straatnaam"
P_HOUSE_NUMBER = ADRES + "Adresvoorstelling.huisnummer"
P_BOX_NUMBER = ADRES + "Adresvoorstelling.busnummer"
P_POSTCODE = ADRES + "postcode"
P_MUNICIPALITY = ADRES + "gemeentenaam"
P_COUNTRY = ADRES + "land"
P_TREE_MEMBER = TREE + "member"
P_TREE_RELATION = TREE + "relation"
P_TREE_NODE = TREE + "node"
P_HYDRA_NEXT = HYDRA + "next"
P_LDES_TIMESTAMP_PATH = LDES + "timestampPath"
P_LDES_VERSION_OF_PATH = LDES + "versionOfPath"
P_LDES_DELETE_PATH = LDES + "versionDeletePath"
P_LDES_DELETE_OBJECT = LDES + "versionDeleteObject"

CONCEPT_TYPES = frozenset({IPDC + "ConceptualPublicService", IPDC + "ConceptualPublicServiceSnapshot"})
INSTANCE_TYPES = frozenset(
    {IPDC + "InstancePublicService", IPDC + "InstancePublicServiceSnapshot", CPSV + "PublicService"}
)
DELETE_TYPES = frozenset(
    {
        "https://www.w3.org/ns/activitystreams#Delete",
        "http://www.w3.org/ns/activitystreams#Delete",
        "https://www.w3.org/ns/activitystreams#Tombstone",
        "http://www.w3.org/ns/activitystreams#Tombstone",
    }
)
SNAPSHOT_TYPE_DELETE = "https://productencatalogus.data.vlaanderen.be/id/concept/SnapshotType/Delete"

LEVELS = ("lokaal", "provinciaal", "vlaams", "federaal", "europees", "derden")
_LEVEL_ALIASES = {
    "lokaal": "lokaal",
    "lokale overheid": "lokaal",
    "provinciaal": "provinciaal",
    "provinciale overheid": "provinciaal",
    "vlaams": "vlaams",
    "vlaamse overheid": "vlaams",
    "federaal": "federaal",
    "federale overheid": "federaal",
    "europees": "europees",
    "europese overheid": "europees",
    "derden": "derden",
}
