from .request import (
    InformationRequest,
    Reminder,
    RequestAttachment,
    RequestEvent,
    RequestMember,
    RequestRefusal,
    ResponseFile,
)
from .rules import LegalRuleSet, RefusalGround, RuleSetRevision, TimeLimit

__all__ = [
    "InformationRequest",
    "LegalRuleSet",
    "RefusalGround",
    "Reminder",
    "RequestAttachment",
    "RequestEvent",
    "RequestMember",
    "RequestRefusal",
    "ResponseFile",
    "RuleSetRevision",
    "TimeLimit",
]
