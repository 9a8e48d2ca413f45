"""A synthetic province at scale, loaded with PostgreSQL COPY, reproducible from a seed.

Sizes are parameters (``Sizes.full().scaled(0.1)`` is the quick run): agencies, catalog entries
with realistic Vietnamese titles, and requests over two years with their event log, refusal
grounds and payments, consistent with what the workflow would have written (statuses,
outcomes, due dates on the working-day calendar, working days taken, timeliness). Two agencies
are set aside with exactly 10 and 500 of everything, and exactly 10 agencies are of the kind
"other", so that pages can be measured at 10 and at 500 rows.

The rows are written straight into the tables: this is test data, not a code path of the
portal, so it does not go through ``requests_app.workflow``.
"""

import datetime
import random
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency, FocalPoint, InternalRegulation
from catalogs.choices import Catalog, Category, Classification, EntryStatus
from catalogs.models import CatalogEntry, DisclosureMethod
from portal.text import fold
from portal.workdays import WorkingCalendar
from requests_app import deadlines
from requests_app.choices import CHANNEL_LIMIT_GROUP, Channel, Outcome, Status
from requests_app.models import InformationRequest, Payment, RequestEvent, RequestRefusal
from requests_app.models.rules import RuleSetRevision
from requests_app.workflow import CODE_ALPHABET

FIRST_DAY, LAST_DAY = datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)
SMALL, LARGE = "bench-10", "bench-500"  # the agencies with exactly 10 and 500 of everything
MARKER_TABLE = "benchmark_dataset"


class ImpossibleSize(ValueError):
    pass


@dataclass(frozen=True)
class Sizes:
    agencies: int
    entries: int
    requests: int

    @classmethod
    def full(cls) -> "Sizes":
        return cls(agencies=2_000, entries=200_000, requests=1_000_000)

    def scaled(self, factor: float) -> "Sizes":
        return replace(
            self,
            agencies=max(20, round(self.agencies * factor)),
            entries=round(self.entries * factor),
            requests=round(self.requests * factor),
        )

    def check(self) -> None:
        """Refuse what cannot be built, with the reason."""
        if min(self.agencies, self.entries, self.requests) < 0:
            raise ImpossibleSize("Sizes cannot be negative.")
        if self.agencies < 20:
            raise ImpossibleSize("At least 20 agencies are needed (10 of them of kind 'other').")
        if self.agencies > 100_000:
            raise ImpossibleSize("More than 100,000 agencies is not a province.")
        if self.entries < 510 or self.requests < 510:
            raise ImpossibleSize(
                "At least 510 entries and 510 requests: two agencies hold exactly 10 and 500."
            )
        if self.requests > 20_000_000 or self.entries > 5_000_000:
            raise ImpossibleSize("Over 20 million requests or 5 million entries: too big here.")


# --- words --------------------------------------------------------------------------------

PLACE_A = ["Tân", "Vĩnh", "Long", "Bình", "Hòa", "Mỹ", "Phú", "An", "Thạnh", "Thới", "Châu",
           "Định", "Nhơn", "Hưng", "Phước", "Lạc", "Đông", "Tây", "Bắc", "Nam", "Kiên", "Giồng",
           "Hòn", "Cù Lao", "Núi", "Óc", "Ba", "Tịnh", "Chợ", "Thoại"]  # fmt: skip
PLACE_B = ["Hiệp", "Thông", "Xuyên", "Đức", "Hưng", "Lợi", "Quới", "Hải", "Sơn", "Điền",
           "Thuận", "Hội", "Phú", "Tế", "Châu", "Biên", "Hòa", "Thành", "Trung", "Khánh",
           "Lương", "Đất", "Riềng", "Sập", "Eo", "Chúc", "Mới", "Giêng", "Tiến", "An"]  # fmt: skip
DEPARTMENTS = ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế",
               "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo",
               "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ",
               "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh"]  # fmt: skip
UNITS = ["Chi cục", "Trung tâm", "Ban Quản lý", "Văn phòng"]
DOCS = ["Quyết định", "Kế hoạch", "Báo cáo", "Thông báo", "Công văn", "Tờ trình", "Nghị quyết",
        "Hướng dẫn", "Chỉ thị", "Danh sách"]  # fmt: skip
SUBJECTS = ["phê duyệt dự toán ngân sách", "công khai quyết toán ngân sách", "kế hoạch sử dụng đất",
            "giá đất cụ thể", "thu hồi đất thực hiện dự án", "bồi thường, hỗ trợ và tái định cư",
            "kết quả lựa chọn nhà thầu", "đầu tư công trung hạn", "hỗ trợ hộ nghèo về nhà ở",
            "tuyển dụng viên chức", "kiểm tra an toàn thực phẩm", "quy hoạch chi tiết khu dân cư",
            "phòng, chống thiên tai và triều cường", "cải cách thủ tục hành chính",
            "xây dựng nông thôn mới", "mức thu phí, lệ phí", "danh mục dự án kêu gọi đầu tư",
            "chuyển đổi số", "bảo vệ môi trường biển", "nạo vét kênh mương nội đồng"]  # fmt: skip
NAMES = ["Nguyễn Văn Thành", "Trần Thị Hồng", "Lê Minh Khoa", "Phạm Thị Ngọc Ánh",
         "Huỳnh Văn Lộc", "Võ Thị Thanh Thảo", "Đặng Hữu Phước", "Bùi Thị Kim Yến",
         "Châu Văn Sơn", "Thạch Thị Sa Rây", "Dương Quốc Việt", "Lâm Thị Mỹ Duyên"]  # fmt: skip
GROUNDS = [("a6_not_accessible", "Thông tin thuộc loại không được tiếp cận (Điều 6)",
            "Law Art 28(1)(a)", "work_secret"),
           ("a7_no_consent", "Thông tin tiếp cận có điều kiện chưa đáp ứng điều kiện (Điều 7)",
            "Law Art 28(1)(a)", ""),
           ("a17_already_public", "Thông tin đã được công khai (Điều 17)", "Law Art 28(1)(b)", ""),
           ("exceeds_capacity", "Vượt quá khả năng đáp ứng của cơ quan", "Law Art 28(1)(đ)",
            "")]  # fmt: skip
CHANNELS = [Channel.ONLINE] * 11 + [Channel.IN_PERSON] * 4 + [Channel.EMAIL] * 2 + [
    Channel.POST
] * 2 + [Channel.FAX]  # fmt: skip


# --- COPY -----------------------------------------------------------------------------------


class Table:
    """The columns of a model in table order, with each column's default value."""

    def __init__(self, model, now):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.defaults = {}
        for field in self.fields:
            if field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.get_internal_type() == "DateTimeField":
                value = now
            else:
                value = ""
            self.defaults[field.attname] = value
        self.order = [f.attname for f in self.fields]

    def row(self, **values) -> tuple:
        defaults = self.defaults
        return tuple(values[name] if name in values else defaults[name] for name in self.order)

    def copy(self, rows) -> int:
        count = 0
        sql = f"COPY {self.model._meta.db_table} ({', '.join(self.columns)}) FROM STDIN"
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count


def _reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def _next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


# --- the generator -------------------------------------------------------------------------


class Generator:
    def __init__(self, sizes: Sizes, seed: int, log=print):
        sizes.check()
        self.sizes, self.seed, self.log = sizes, seed, log
        self.rng = random.Random(seed)
        self.now = timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 0))
        self.calendar = WorkingCalendar(FIRST_DAY, LAST_DAY + datetime.timedelta(days=200))
        self._working_index = self._index_working_days()

    def run(self) -> dict:
        with transaction.atomic():
            agencies = self.agencies()
            self.log(f"  agencies: {len(agencies)}")
            entries = self.entries(agencies)
            self.log(f"  catalog entries: {entries}")
            counts = self.requests(agencies)
            self.log(f"  requests: {counts['requests']}, events: {counts['events']}")
        with connection.cursor() as cursor:
            # What autovacuum does to a live database in time: statistics for the planner and
            # the visibility map that lets the reports read their indexes alone.
            cursor.execute("VACUUM ANALYZE")
        return {"agencies": len(agencies), "entries": entries, **counts}

    # the calendar, once for the whole span

    def _index_working_days(self) -> dict[datetime.date, int]:
        index, count, day = {}, 0, FIRST_DAY - datetime.timedelta(days=1)
        while day <= LAST_DAY + datetime.timedelta(days=200):
            day += datetime.timedelta(days=1)
            count += self.calendar.is_working_day(day)
            index[day] = count
        self.working_days = [d for d in index if self.calendar.is_working_day(d)]
        self._position = {d: i for i, d in enumerate(self.working_days)}
        return index

    def add_working_days(self, day: datetime.date, days: int) -> datetime.date:
        start = self._index_working_days_before(day)
        return self.working_days[start + days] if days else day

    def _index_working_days_before(self, day: datetime.date) -> int:
        """Position of the last working day on or before ``day``."""
        return self._working_index[day] - 1

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        return max(0, self._working_index[end] - self._working_index[start])

    # agencies, focal points, regulations

    def agencies(self) -> list[Agency]:
        rng, total = self.rng, self.sizes.agencies
        specs = [("Cơ quan thử nghiệm 10 bản ghi", SMALL, Agency.Kind.OTHER),
                 ("Cơ quan thử nghiệm 500 bản ghi", LARGE, Agency.Kind.OTHER)]  # fmt: skip
        specs += [(f"Ban chỉ đạo số {n}", f"ban-chi-dao-{n}", Agency.Kind.OTHER) for n in range(8)]
        departments = min(len(DEPARTMENTS) * 20, max(10, total // 7))
        for n in range(departments):
            base = DEPARTMENTS[n % len(DEPARTMENTS)]
            name = base if n < len(DEPARTMENTS) else f"{rng.choice(UNITS)} số {n} ({base})"
            specs.append((f"{name} tỉnh An Giang", f"so-{n}", Agency.Kind.DEPARTMENT))
        n = 0
        while len(specs) < total:
            prefix = rng.choice(["Xã", "Xã", "Xã", "Phường", "Đặc khu"])
            place = f"{rng.choice(PLACE_A)} {rng.choice(PLACE_B)}"
            specs.append((f"{prefix} {place} số {n}", f"xa-{n}", Agency.Kind.COMMUNE))
            n += 1
        rows = [
            Agency(
                name=name,
                short_name="",
                slug=slug,
                kind=kind,
                area_rate=rng.choice([100, 100, 100, 70, 50]),
                address=f"Số {rng.randrange(1, 300)} đường Trần Phú, tỉnh An Giang",
                email=f"{slug}@angiang.gov.vn",
                search_text=fold(name),
            )
            for name, slug, kind in specs
        ]
        agencies = Agency.objects.bulk_create(rows, batch_size=1000)
        FocalPoint.objects.bulk_create(
            [
                FocalPoint(
                    agency=agency,
                    arrangement="unit",
                    name="Văn phòng",
                    position="Chánh Văn phòng",
                    email=f"daumoi.{agency.slug}@angiang.gov.vn",
                    is_active=True,
                )
                for agency in agencies
                if rng.random() < 0.8
            ],
            batch_size=1000,
        )
        InternalRegulation.objects.bulk_create(
            [
                InternalRegulation(
                    agency=agency,
                    title="Quy chế cung cấp thông tin",
                    decision_number=f"{rng.randrange(1, 999)}/QĐ-UBND",
                    decision_date=datetime.date(2023, 6, 1),
                    effective_date=datetime.date(2023, 6, 15),
                    body="<p>Điều 1. Phạm vi điều chỉnh</p>",
                    status="published",
                    designates_focal_point=True,
                    covers_handover=True,
                    covers_classification=True,
                    covers_updating=True,
                    covers_request_procedure=True,
                )
                for agency in agencies
                if rng.random() < 0.7
            ],
            batch_size=1000,
        )
        return agencies

    # catalog entries

    def _per_agency(self, agencies, total: int) -> list[tuple[Agency, int]]:
        """10 for the small agency, 500 for the large one, the rest spread unevenly."""
        fixed = {SMALL: 10, LARGE: 500}
        others = [a for a in agencies if a.slug not in fixed]
        weights = [self.rng.paretovariate(1.3) for _ in others]
        scale = (total - 510) / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in range(total - 510 - sum(counts)):
            counts[i % len(counts)] += 1
        plan = [(a, fixed[a.slug]) for a in agencies if a.slug in fixed]
        return plan + list(zip(others, counts, strict=True))

    def entries(self, agencies) -> int:
        rng = self.rng
        table = Table(CatalogEntry, self.now)
        forms = list(DisclosureMethod.objects.values_list("code", flat=True))
        first_id = _next_id(CatalogEntry)
        links = []
        deadlines_by_day = {}

        def rows():
            entry_id = first_id
            for agency, count in self._per_agency(agencies, self.sizes.entries):
                for _ in range(count):
                    created = FIRST_DAY + datetime.timedelta(days=rng.randrange(730))
                    conditional = rng.random() < 0.08
                    status = EntryStatus.DRAFT if rng.random() < 0.05 else EntryStatus.PUBLISHED
                    disclosed = min(
                        LAST_DAY,
                        created
                        + datetime.timedelta(days=rng.choice([1, 2, 3, 4, 5, 6, 8, 12, 20])),
                    )
                    year = created.year
                    title = (
                        f"{rng.choice(DOCS)} về {rng.choice(SUBJECTS)} "
                        f"{rng.choice(['tại', 'trên địa bàn'])} {agency.name} năm {year}"
                    )
                    number = f"{rng.randrange(1, 3000)}/{rng.choice(['QĐ', 'KH', 'BC', 'TB'])}-UBND"
                    summary = f"Nội dung {rng.choice(SUBJECTS)} của {agency.name}."
                    deadline = deadlines_by_day.get(created)
                    if deadline is None:
                        deadline = deadlines_by_day[created] = self.add_working_days(created, 5)
                    published_at = (
                        None
                        if status == EntryStatus.DRAFT
                        else timezone.make_aware(
                            datetime.datetime.combine(disclosed, datetime.time(10))
                        )
                    )
                    yield table.row(
                        id=entry_id,
                        agency_id=agency.pk,
                        catalog=Catalog.CONDITIONAL if conditional else Catalog.PUBLIC,
                        category=rng.choice(Category.values),
                        title=title,
                        number_symbol=number,
                        created_on=created,
                        creating_unit=agency.name,
                        summary=summary,
                        disclosed_on=None if status == EntryStatus.DRAFT else disclosed,
                        status=status,
                        classification=(
                            Classification.CONDITIONAL if conditional else Classification.PUBLIC
                        ),
                        consent_ground="business_secret" if conditional else "",
                        consent_holder="Nhà thầu" if conditional else "",
                        listed_on=created,
                        published_at=published_at,
                        publication_deadline=deadline,
                        review_on=created + datetime.timedelta(days=365),
                        search_title=fold(title),
                        search_text=fold(f"{title} {number} {agency.name} {summary}"),
                        created_at=published_at or self.now,
                        updated_at=published_at or self.now,
                    )
                    links.extend((entry_id, code) for code in rng.sample(forms, rng.randint(1, 2)))
                    entry_id += 1

        count = table.copy(rows())
        through = CatalogEntry.disclosure_forms.through
        Table(through, self.now).copy(
            ((pk, entry_id, code) for pk, (entry_id, code) in enumerate(links, _next_id(through)))
        )
        _reset_sequence(CatalogEntry)
        _reset_sequence(through)
        return count

    # requests

    def requests(self, agencies) -> dict:
        revision = RuleSetRevision.objects.order_by("rule_set__effective_from", "number").first()
        self.revision = revision
        request_table = Table(InformationRequest, self.now)
        event_table = Table(RequestEvent, self.now)
        refusal_table = Table(RequestRefusal, self.now)
        payment_table = Table(Payment, self.now)
        first_id = _next_id(InformationRequest)
        events, refusals, payments = [], [], []
        codes = set()
        # Every deadline the rows can need, computed before the COPY starts: the connection
        # cannot run other queries while it streams.
        self._due = {
            (group, complexity, day): deadlines.compute(revision, group, complexity, day)
            for group in set(CHANNEL_LIMIT_GROUP.values())
            for complexity in ("simple", "complex")
            for day in self.working_days
            if day <= LAST_DAY
        }

        def rows():
            request_id = first_id
            for agency, count in self._per_agency(agencies, self.sizes.requests):
                for _ in range(count):
                    row, request_events, request_refusals, payment = self._request(
                        request_table, request_id, agency, codes
                    )
                    yield row
                    events.extend(request_events)
                    refusals.extend(request_refusals)
                    if payment:
                        payments.append(payment)
                    request_id += 1

        count = request_table.copy(rows())
        event_id, refusal_id = _next_id(RequestEvent), _next_id(RequestRefusal)
        event_rows = (event_table.row(id=event_id + i, **e) for i, e in enumerate(events))
        n_events = event_table.copy(event_rows)
        refusal_table.copy(
            refusal_table.row(id=refusal_id + i, **r) for i, r in enumerate(refusals)
        )
        payment_id = _next_id(Payment)
        payment_table.copy(
            payment_table.row(id=payment_id + i, **p) for i, p in enumerate(payments)
        )
        for model in (InformationRequest, RequestEvent, RequestRefusal, Payment):
            _reset_sequence(model)
        return {"requests": count, "events": n_events}

    def _code(self, codes) -> str:
        while True:
            raw = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(12))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if code not in codes:
                codes.add(code)
                return code

    def _at(self, day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def _deadline(self, channel, complexity, valid_on):
        return self._due[(CHANNEL_LIMIT_GROUP[channel], complexity, valid_on)]

    def _request(self, table, request_id, agency, codes):
        rng = self.rng
        received = self.working_days[rng.randrange(self._position_of(LAST_DAY) + 1)]
        channel = rng.choice(CHANNELS)
        events = [self._event(request_id, received, 9, "submit", "", Status.RECEIVED)]
        values = {
            "id": request_id,
            "agency_id": agency.pk,
            "tracking_code": self._code(codes),
            "rule_revision_id": self.revision.pk,
            "channel": channel,
            "received_at": self._at(received, 9),
            "full_name": rng.choice(NAMES),
            "id_number": f"0910{rng.randrange(10**8):08d}",
            "address": f"Số {rng.randrange(1, 300)} đường Lê Lợi, {agency.name}",
            "email": f"nguoidan{request_id}@example.com",
            "information": f"{rng.choice(DOCS)} về {rng.choice(SUBJECTS)} năm {received.year}",
            "purpose": "Tìm hiểu thông tin liên quan đến quyền lợi của gia đình",
            "delivery_form": "email",
            "needs_assistance": rng.random() < 0.03,
            "requester_kind": "foreigner" if rng.random() < 0.01 else "self",
            "created_at": self._at(received, 9),
            "updated_at": self._at(received, 9),
        }
        roll = rng.random()
        refusals, payment = [], None
        recent = received > LAST_DAY - datetime.timedelta(days=45)
        if roll < 0.04:
            self._end(values, events, received, 1, Status.RECEIVED, Outcome.WITHDRAWN, "withdraw")
        elif roll < 0.10:
            values["redirected_to_name"] = "Sở Xây dựng tỉnh An Giang"
            self._end(values, events, received, 1, Status.RECEIVED, Outcome.REDIRECTED, "redirect")
        elif roll < 0.13 and recent:
            pass  # received, not yet accepted
        else:
            complexity = "complex" if rng.random() < 0.25 else "simple"
            due = self._deadline(channel, complexity, received)
            values |= {
                "complexity": complexity,
                "valid_on": received,
                "due_on": due.due_on,
                "notice_due_on": due.notice_due_on,
            }
            events.append(
                self._event(request_id, received, 10, "accept", Status.RECEIVED, Status.VALID)
            )
            current = Status.VALID
            limit = self.working_days_between(received, due.due_on)
            if complexity == "complex" and rng.random() < 0.2:
                extended = self.add_working_days(due.due_on, 10)
                values |= {"extended_due_on": extended, "extension_reason": "Cần ý kiến đơn vị."}
                events.append(
                    self._event(
                        request_id,
                        self.add_working_days(received, 3),
                        11,
                        "extend",
                        Status.VALID,
                        Status.EXTENDED,
                    )
                )
                current, limit = Status.EXTENDED, limit + 10
            if (recent and rng.random() < 0.5) or rng.random() < 0.01:
                values["status"] = current  # still running at the end of the data
            else:
                late = rng.random() < 0.12
                taken = limit + rng.randint(1, 8) if late else rng.randint(0, max(0, limit))
                if current == Status.EXTENDED:
                    taken = max(taken, 4)  # answered after the extension was notified
                outcome = rng.choices(
                    [Outcome.PROVIDED_FULL, Outcome.PROVIDED_PARTIAL, Outcome.REFUSED],
                    weights=[76, 10, 14],
                )[0]
                action = {"provided_full": "provide_full", "provided_partial": "provide_partial",
                          "refused": "refuse"}[outcome]  # fmt: skip
                answered = self._end(values, events, received, taken, current, outcome, action)
                values["answered_at"] = self._at(answered, 15)
                values["on_time"] = answered <= (values.get("extended_due_on") or due.due_on)
                if outcome != Outcome.PROVIDED_FULL:
                    for code, label, basis, subtype in rng.sample(GROUNDS, rng.randint(1, 2)):
                        refusals.append(
                            {
                                "request_id": request_id,
                                "code": code,
                                "label": label,
                                "legal_basis": basis,
                                "art6_subtype": subtype,
                            }
                        )
                    values["refusal_reason"] = "Căn cứ Điều 28 Luật Tiếp cận thông tin."
                if channel == Channel.IN_PERSON and rng.random() < 0.2:
                    amount = 3000 * rng.randint(3, 60)
                    values |= {
                        "fee_amount": amount,
                        "payment_due_on": answered,
                        "fee_notified_at": self._at(answered, 12),
                    }
                    events += [
                        self._event(request_id, answered, 12, "ask_payment", current,
                                    Status.AWAITING_PAYMENT),
                        self._event(request_id, answered, 13, "payment_received",
                                    Status.AWAITING_PAYMENT, current),
                    ]  # fmt: skip
                    payment = {
                        "request_id": request_id,
                        "amount": amount,
                        "paid_on": answered,
                        "recorded_at": self._at(answered, 14),
                    }
        values["version"] = len(events)
        return table.row(**values), events, refusals, payment

    def _position_of(self, day: datetime.date) -> int:
        return self._index_working_days_before(day)

    def _end(self, values, events, received, taken, current, outcome, action) -> datetime.date:
        """The request ends ``taken`` working days after ``received``; most files are closed."""
        ended = self.add_working_days(received, taken)
        request_id = values["id"]
        events.append(self._event(request_id, ended, 15, action, current, Status(outcome.value)))
        values |= {
            "outcome": outcome,
            "outcome_at": self._at(ended, 15),
            "working_days_taken": None if outcome == Outcome.WITHDRAWN else taken,
            "status": Status(outcome.value),
            "updated_at": self._at(ended, 15),
        }
        if self.rng.random() < 0.7:
            values |= {"status": Status.CLOSED, "closed_at": self._at(ended, 16)}
            events.append(self._event(request_id, ended, 16, "close", outcome, Status.CLOSED))
        return ended

    def _event(self, request_id, day, hour, action, from_status, to_status) -> dict:
        return {
            "request_id": request_id,
            "at": self._at(day, hour),
            "action": action,
            "from_status": from_status,
            "to_status": to_status,
            "notify_requester": action != "close",
            "data": "{}",
        }


# --- the marker: which data set a database holds ----------------------------------------


def recorded_dataset() -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT agencies, entries, requests, seed FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    return dict(zip(("agencies", "entries", "requests", "seed"), row, strict=True)) if row else None


def record_dataset(sizes: Sizes, seed: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(agencies int, entries int, requests int, seed int, created_at timestamptz)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, %s, now())",
            [sizes.agencies, sizes.entries, sizes.requests, seed],
        )


def holds_other_data() -> bool:
    return Agency.objects.exists() or InformationRequest.objects.exists()
