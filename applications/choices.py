"""Fixed lists the application form asks about."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LondonConnection(models.TextChoices):
    LIVES = "LIVES", _("I live in London")
    WORKS = "WORKS", _("I work in London")
    STUDIES = "STUDIES", _("I study in London")


class ContactMethod(models.TextChoices):
    EMAIL = "EMAIL", _("Email")
    PHONE = "PHONE", _("Phone call")
    TEXT = "TEXT", _("Text message")


class AccessNeed(models.TextChoices):
    BSL = "BSL", _("British Sign Language (BSL) interpreter")
    LARGE_PRINT = "LARGE_PRINT", _("Large print documents")
    STEP_FREE = "STEP_FREE", _("Step-free access")
    HEARING_LOOP = "HEARING_LOOP", _("Hearing loop")
    OTHER = "OTHER", _("Something else")


class Borough(models.TextChoices):
    BARKING_AND_DAGENHAM = "BARKING_AND_DAGENHAM", _("Barking and Dagenham")
    BARNET = "BARNET", _("Barnet")
    BEXLEY = "BEXLEY", _("Bexley")
    BRENT = "BRENT", _("Brent")
    BROMLEY = "BROMLEY", _("Bromley")
    CAMDEN = "CAMDEN", _("Camden")
    CITY_OF_LONDON = "CITY_OF_LONDON", _("City of London")
    CROYDON = "CROYDON", _("Croydon")
    EALING = "EALING", _("Ealing")
    ENFIELD = "ENFIELD", _("Enfield")
    GREENWICH = "GREENWICH", _("Greenwich")
    HACKNEY = "HACKNEY", _("Hackney")
    HAMMERSMITH_AND_FULHAM = "HAMMERSMITH_AND_FULHAM", _("Hammersmith and Fulham")
    HARINGEY = "HARINGEY", _("Haringey")
    HARROW = "HARROW", _("Harrow")
    HAVERING = "HAVERING", _("Havering")
    HILLINGDON = "HILLINGDON", _("Hillingdon")
    HOUNSLOW = "HOUNSLOW", _("Hounslow")
    ISLINGTON = "ISLINGTON", _("Islington")
    KENSINGTON_AND_CHELSEA = "KENSINGTON_AND_CHELSEA", _("Kensington and Chelsea")
    KINGSTON = "KINGSTON", _("Kingston upon Thames")
    LAMBETH = "LAMBETH", _("Lambeth")
    LEWISHAM = "LEWISHAM", _("Lewisham")
    MERTON = "MERTON", _("Merton")
    NEWHAM = "NEWHAM", _("Newham")
    REDBRIDGE = "REDBRIDGE", _("Redbridge")
    RICHMOND = "RICHMOND", _("Richmond upon Thames")
    SOUTHWARK = "SOUTHWARK", _("Southwark")
    SUTTON = "SUTTON", _("Sutton")
    TOWER_HAMLETS = "TOWER_HAMLETS", _("Tower Hamlets")
    WALTHAM_FOREST = "WALTHAM_FOREST", _("Waltham Forest")
    WANDSWORTH = "WANDSWORTH", _("Wandsworth")
    WESTMINSTER = "WESTMINSTER", _("Westminster")
    OUTSIDE_LONDON = "OUTSIDE_LONDON", _("I do not live in London")


PREFER_NOT_TO_SAY = ("PREFER_NOT_TO_SAY", _("Prefer not to say"))


class AgeBand(models.TextChoices):
    AGE_16_24 = "16_24", _("16 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_64 = "55_64", _("55 to 64")
    AGE_65_PLUS = "65_PLUS", _("65 or over")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    """The ONS 2021 Census ethnic group categories for England and Wales."""

    ASIAN_BANGLADESHI = "ASIAN_BANGLADESHI", _("Asian or Asian British: Bangladeshi")
    ASIAN_CHINESE = "ASIAN_CHINESE", _("Asian or Asian British: Chinese")
    ASIAN_INDIAN = "ASIAN_INDIAN", _("Asian or Asian British: Indian")
    ASIAN_PAKISTANI = "ASIAN_PAKISTANI", _("Asian or Asian British: Pakistani")
    ASIAN_OTHER = "ASIAN_OTHER", _("Asian or Asian British: any other Asian background")
    BLACK_AFRICAN = "BLACK_AFRICAN", _("Black, Black British, Caribbean or African: African")
    BLACK_CARIBBEAN = "BLACK_CARIBBEAN", _("Black, Black British, Caribbean or African: Caribbean")
    BLACK_OTHER = (
        "BLACK_OTHER",
        _(
            "Black, Black British, Caribbean or African: any other Black, Black British or "
            "Caribbean background"
        ),
    )
    MIXED_WHITE_ASIAN = "MIXED_WHITE_ASIAN", _("Mixed or multiple ethnic groups: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = (
        "MIXED_WHITE_BLACK_AFRICAN",
        _("Mixed or multiple ethnic groups: White and Black African"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "MIXED_WHITE_BLACK_CARIBBEAN",
        _("Mixed or multiple ethnic groups: White and Black Caribbean"),
    )
    MIXED_OTHER = (
        "MIXED_OTHER",
        _("Mixed or multiple ethnic groups: any other Mixed or multiple ethnic background"),
    )
    WHITE_BRITISH = "WHITE_BRITISH", _("White: English, Welsh, Scottish, Northern Irish or British")
    WHITE_IRISH = "WHITE_IRISH", _("White: Irish")
    WHITE_GYPSY = "WHITE_GYPSY", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "WHITE_ROMA", _("White: Roma")
    WHITE_OTHER = "WHITE_OTHER", _("White: any other White background")
    OTHER_ARAB = "OTHER_ARAB", _("Other ethnic group: Arab")
    OTHER_ANY = "OTHER_ANY", _("Other ethnic group: any other ethnic group")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "FEMALE", _("Female")
    MALE = "MALE", _("Male")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class GenderIdentity(models.TextChoices):
    WOMAN = "WOMAN", _("Woman")
    MAN = "MAN", _("Man")
    NON_BINARY = "NON_BINARY", _("Non-binary")
    OTHER = "OTHER", _("I use another term")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class YesNoPrefer(models.TextChoices):
    YES = "YES", _("Yes")
    NO = "NO", _("No")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "STRAIGHT", _("Straight or heterosexual")
    GAY_LESBIAN = "GAY_LESBIAN", _("Gay or lesbian")
    BISEXUAL = "BISEXUAL", _("Bisexual")
    OTHER = "OTHER", _("Another sexual orientation")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "NONE", _("No religion")
    BUDDHIST = "BUDDHIST", _("Buddhist")
    CHRISTIAN = "CHRISTIAN", _("Christian")
    HINDU = "HINDU", _("Hindu")
    JEWISH = "JEWISH", _("Jewish")
    MUSLIM = "MUSLIM", _("Muslim")
    SIKH = "SIKH", _("Sikh")
    OTHER = "OTHER", _("Any other religion")
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY
