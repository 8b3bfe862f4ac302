"""Walks each planned call through the programs' domain functions, as its people would.

Staff create the program and call, its form, stages and reviewer pool, then publish it;
companies' members ask questions, fill in and submit their applications; reviewers are
assigned, recuse themselves, score and hand in (review.py); staff decide each stage and
announce the results. The rows are what the application itself writes. Calls of the
past are walked while open (see history.py) and then given their planned period.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Organization, Term
from ieum.linkage.demo.people import People
from ieum.programs import applications as applying
from ieum.programs import calls
from ieum.programs.demo.answers import (
    Company,
    application_answers,
    application_data,
    application_uploads,
)
from ieum.programs.demo.history import Clock
from ieum.programs.demo.plans import CallPlan, ProgramPlan
from ieum.programs.eligibility import eligibility_reasons
from ieum.programs.enums import ApplicationStatus
from ieum.programs.models import Application, ApplicationFile, Call, Program, ReviewStage

# A call of the past takes applications in the walk from an hour before the load.
WALK_WINDOW = timedelta(days=30)


class Walker:
    def __init__(self, *, now: datetime, people: People, reviewers: dict, admin, clock: Clock):
        self.now = now
        self.people = people
        self.reviewers = reviewers
        self.admin = admin
        self.clock = clock

    # Programs and calls.

    def manager(self, program: Program):
        if program.cluster_id is None:
            return self.admin
        return self.people.staff[program.cluster_id]

    def program(self, plan: ProgramPlan, *, since: datetime) -> Program:
        cluster = Cluster.objects.get(slug=plan.cluster) if plan.cluster else None
        actor = self.admin if cluster is None else self.people.staff[cluster.pk]
        program = calls.create_program(
            actor=actor,
            data={
                "cluster": cluster,
                "kind": plan.kind,
                "name_ko": plan.name_ko,
                "name_en": plan.name_en,
                "slug": plan.slug,
                "summary_ko": plan.summary_ko,
                "summary_en": plan.summary_en,
            },
        )
        Program.objects.filter(pk=program.pk).update(is_demo=True)
        self.clock.at(program, created_at=since, updated_at=since)
        return program

    def call(self, plan: CallPlan, program: Program) -> Call:
        """The call set up, published and open; applications submitted; then moved to
        its planned period."""
        actor = self.manager(program)
        terms = {
            t.code: t
            for t in Term.objects.filter(
                vocabulary__in=[
                    Vocabulary.REGION,
                    Vocabulary.THERAPEUTIC_AREA,
                    Vocabulary.TECHNOLOGY_FIELD,
                ],
                code__in=plan.regions + plan.fields,
            )
        }
        closes_at = max(plan.closes_at, self.now + WALK_WINDOW)
        call = calls.create_call(
            actor=actor,
            program=program,
            data={
                **plan.data,
                "slug": plan.slug,
                "opens_at": min(plan.opens_at, self.now - timedelta(hours=1)),
                "closes_at": closes_at,
                "eligible_regions": [terms[code] for code in plan.regions],
                "eligible_fields": [terms[code] for code in plan.fields],
            },
        )
        self._form(plan, call, actor)
        call = calls.publish_call(actor=actor, call=call)
        self.clock.at(call, created_at=plan.created_at, updated_at=plan.opens_at)
        for local in plan.pool:
            seat = calls.add_pool_reviewer(actor=actor, call=call, reviewer=self.reviewers[local])
            self.clock.at(seat, created_at=plan.opens_at, updated_at=plan.opens_at)
        self._notices(plan, call, actor)
        self._inquiries(plan, call, actor)
        self.applications(plan, call)
        # The applications are in, sent while the call was open by the server's clock.
        # Now the call takes its planned period (staff may correct a period until the
        # results are out), so a call of the past is closed and can be decided, and the
        # planned submission moments fall inside it (see history.py).
        return calls.update_call(
            actor=actor,
            call=call,
            data={"opens_at": plan.opens_at, "closes_at": plan.closes_at},
        )

    def _form(self, plan: CallPlan, call: Call, actor) -> None:
        calls.save_questions(
            actor=actor,
            call=call,
            questions=[{**q, "position": n} for n, q in enumerate(plan.questions, 1)],
        )
        calls.save_documents(
            actor=actor,
            call=call,
            documents=[{**d, "position": n} for n, d in enumerate(plan.documents, 1)],
        )
        for number, stage in enumerate(plan.stages, 1):
            saved = calls.save_stage(
                actor=actor,
                call=call,
                stage=None,
                data={**stage.data, "position": number},
                criteria=[{**c, "position": n} for n, c in enumerate(stage.criteria, 1)],
            )
            self.clock.at(saved, created_at=plan.created_at, updated_at=plan.created_at)

    def _notices(self, plan: CallPlan, call: Call, actor) -> None:
        for posted_at, title_ko, title_en, body_ko, body_en in plan.notices:
            if posted_at > self.now:
                continue
            notice = calls.post_notice(
                actor=actor,
                call=call,
                data={
                    "title_ko": title_ko,
                    "title_en": title_en,
                    "body_ko": body_ko,
                    "body_en": body_en,
                },
            )
            self.clock.at(notice, created_at=posted_at, updated_at=posted_at)

    def _inquiries(self, plan: CallPlan, call: Call, actor) -> None:
        companies = Organization.objects.in_bulk(
            [row[0] for row in plan.inquiries], field_name="slug"
        )
        for slug, asked_at, question, answer, answered_at, public in plan.inquiries:
            asker = self.people.of(companies[slug].pk)
            inquiry = calls.ask_inquiry(actor=asker, call=call, question=question)
            inquiry = calls.answer_inquiry(
                actor=actor, inquiry=inquiry, answer=answer, is_public=public
            )
            self.clock.at(
                inquiry, created_at=asked_at, updated_at=answered_at, answered_at=answered_at
            )

    # Applications.

    def applications(self, plan: CallPlan, call: Call) -> None:
        rng = random.Random(plan.slug)
        companies = {
            o.slug: o
            for o in Organization.objects.filter(slug__in=[a.slug for a in plan.applicants])
            .select_related("company_profile__stage")
            .prefetch_related(
                "products",
                "company_profile__technology_fields",
                "company_profile__therapeutic_areas",
            )
        }
        applicants = [a for a in plan.applicants if a.slug in companies]
        moments = self._submission_moments(rng, plan, len(applicants))
        for applicant, submitted_at in zip(applicants, moments, strict=True):
            company = Company.of(companies[applicant.slug])
            started_at = max(plan.opens_at, submitted_at - timedelta(days=rng.randint(1, 9)))
            if plan.direct_applications:
                application = self._direct(plan, call, applicant, company, rng, submitted_at)
            else:
                application = self._apply(plan, call, applicant, company, rng, started_at)
            if application is None:
                continue
            submitted = application.status == ApplicationStatus.SUBMITTED
            self.clock.at(
                application,
                created_at=started_at,
                updated_at=submitted_at if submitted else started_at,
                submitted_at=submitted_at if submitted else None,
            )
            self.clock.many(
                ApplicationFile,
                application.files.values_list("pk", flat=True),
                created_at=started_at,
                updated_at=started_at,
            )

    def _submission_moments(self, rng, plan: CallPlan, count: int) -> list[datetime]:
        """Most applications come in during the last days before the deadline."""
        latest = min(plan.closes_at, self.now) - timedelta(minutes=20)
        earliest = plan.opens_at + timedelta(hours=2)
        span = (latest - earliest).total_seconds()
        shares = sorted(1 - rng.random() ** 2.2 for _ in range(count))
        moments = [earliest + timedelta(seconds=span * share) for share in shares]
        rng.shuffle(moments)
        return moments

    def _apply(self, plan, call, applicant, company: Company, rng, started_at):
        organization = company.organization
        member = self.people.of(organization.pk)
        application = applying.start_application(actor=member, call=call, company=organization)
        application = applying.save_application(
            actor=member,
            application=application,
            data=application_data(plan, applicant, company, rng),
            answers=application_answers(call, company, rng),
            uploads=application_uploads(call, company, when=started_at),
        )
        # A company that no longer fits the call (the demo may be loaded years later)
        # keeps its draft rather than being refused.
        if applicant.draft_only or eligibility_reasons(call=call, company=organization):
            return application
        return applying.submit_application(actor=member, application=application)

    def _direct(self, plan, call, applicant, company: Company, rng, submitted_at):
        # Host institutions are not companies, so `applications` would refuse them (see
        # national.py): the submitted application is written as submission leaves it.
        data = application_data(plan, applicant, company, rng)
        application = Application.objects.create(
            call=call,
            company=company.organization,
            status=ApplicationStatus.SUBMITTED,
            title=data["title"],
            summary=data["summary"],
            requested_krw=data["requested_krw"],
            submitted_at=submitted_at,
            current_stage=ReviewStage.objects.filter(call=call).order_by("position").first(),
        )
        for key, upload in application_uploads(call, company, when=submitted_at).items():
            document_id = int(key.split("-")[1])
            row = ApplicationFile(
                application=application,
                document_id=document_id,
                name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
            )
            row.file.save(upload.name, upload.file, save=False)
            row.save()
        return application
