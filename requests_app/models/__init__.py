from .complaints import Complaint, ComplaintKind, ComplaintStatus
from .fees import FeeItem, FeeLine, PaperSize, Payment
from .notices import Notice, NoticeCounter, NoticeKind
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
    "Complaint",
    "ComplaintKind",
    "ComplaintStatus",
    "FeeItem",
    "FeeLine",
    "InformationRequest",
    "LegalRuleSet",
    "Notice",
    "NoticeCounter",
    "NoticeKind",
    "PaperSize",
    "Payment",
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
