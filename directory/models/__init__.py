from directory.models.base import TimeStampedModel
from directory.models.environments import LearningEnvironment
from directory.models.offers import Offer
from directory.models.organisations import Organisation
from directory.models.search_index import OfferCard, OfferPlacement, OfferText, SubjectPlacement
from directory.models.taxonomy import Category, Grade, Language, Subject

__all__ = [
    "Category",
    "Grade",
    "Language",
    "LearningEnvironment",
    "Offer",
    "OfferPlacement",
    "OfferCard",
    "OfferText",
    "Organisation",
    "Subject",
    "SubjectPlacement",
    "TimeStampedModel",
]
