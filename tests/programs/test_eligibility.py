"""Eligibility: each rule of a call admits the companies it should and names why it
refuses the others."""

from datetime import date

import pytest

from ieum.directory.models import ClusterMember, CompanyProfile
from ieum.programs.eligibility import company_age, eligibility_reasons, eligibility_rules
from ieum.programs.enums import CompanyAge
from tests.factories import CompanyFactory, HospitalFactory, term
from tests.programs.factories import CallFactory, ProgramFactory, cardiovascular

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 30)


def founded(company, day: date | None):
    profile, _created = CompanyProfile.objects.get_or_create(organization=company)
    profile.founded_on = day
    profile.save(update_fields=["founded_on"])
    company.refresh_from_db()
    return company


@pytest.mark.parametrize(
    ("founded_on", "band"),
    [
        (None, CompanyAge.PRE_STARTUP),
        (date(2026, 12, 1), CompanyAge.PRE_STARTUP),  # founding planned after the day
        (ON, CompanyAge.UNDER_3),
        (date(2023, 12, 1), CompanyAge.UNDER_3),  # one day short of three years
        (date(2023, 11, 30), CompanyAge.FROM_3_TO_7),  # three years to the day
        (date(2019, 12, 1), CompanyAge.FROM_3_TO_7),
        (date(2019, 11, 30), CompanyAge.OVER_7),
        (date(1998, 3, 2), CompanyAge.OVER_7),
    ],
)
def test_company_age_counts_full_years_to_the_day(founded_on, band):
    company = founded(CompanyFactory(), founded_on)
    assert company_age(company=company, on=ON) == band


def test_a_company_without_a_profile_is_a_pre_startup():
    company = CompanyFactory()
    CompanyProfile.objects.filter(organization=company).delete()
    company.refresh_from_db()
    assert company_age(company=company, on=ON) == CompanyAge.PRE_STARTUP


def test_a_leap_day_founding_turns_a_year_older_on_the_first_of_march():
    company = founded(CompanyFactory(), date(2020, 2, 29))
    assert company_age(company=company, on=date(2023, 2, 28)) == CompanyAge.UNDER_3
    assert company_age(company=company, on=date(2023, 3, 1)) == CompanyAge.FROM_3_TO_7


def test_the_worlds_company_is_eligible(program_world):
    assert eligibility_reasons(call=program_world.call, company=program_world.company) == []


def test_the_age_band_refuses_an_older_company_and_names_both_bands(program_world, english):
    call = program_world.call
    call.eligible_ages = [CompanyAge.UNDER_3]
    call.save()
    reasons = eligibility_reasons(call=call, company=program_world.other_company)
    assert reasons == [
        "The call is open to companies aged: Under 3 years. Your company is: 3 to 7 years."
    ]
    assert eligibility_reasons(call=call, company=program_world.company) == []


def test_a_pre_startup_is_refused_when_the_call_wants_founded_companies(program_world, english):
    company = founded(program_world.company, None)
    reasons = eligibility_reasons(call=program_world.call, company=company)
    assert reasons == [
        "The call is open to companies aged: Under 3 years, 3 to 7 years. "
        "Your company is: Pre-startup."
    ]


def test_no_age_bands_admit_every_age(program_world):
    call = program_world.call
    call.eligible_ages = []
    call.save()
    old = founded(program_world.other_company, date(1990, 1, 1))
    assert eligibility_reasons(call=call, company=old) == []


def test_the_region_rule_refuses_a_company_elsewhere(program_world, english):
    call = program_world.call
    call.eligible_regions.set([term("region", "seoul"), term("region", "busan")])
    reasons = eligibility_reasons(call=call, company=program_world.company)
    assert reasons == [
        "The call is open to companies in: Seoul, Busan. Your company is in Gyeongnam."
    ]
    call.eligible_regions.add(term("region", "gyeongnam"))
    assert eligibility_reasons(call=call, company=program_world.company) == []


def test_a_company_without_a_region_is_told_so(program_world, english):
    program_world.company.region = None
    program_world.company.save(update_fields=["region"])
    program_world.call.eligible_regions.set([term("region", "gyeongnam")])
    [reason] = eligibility_reasons(call=program_world.call, company=program_world.company)
    assert "names no region" in reason


def test_members_only_admits_members_of_the_programs_cluster(program_world, english):
    call = program_world.call
    call.members_only = True
    call.save()
    assert eligibility_reasons(call=call, company=program_world.company) == []
    assert eligibility_reasons(call=call, company=program_world.other_company) == [
        "Only member companies of Gimhae Bio-Health Cluster may apply."
    ]
    # Membership of another cluster does not count.
    ClusterMember.objects.create(
        cluster=program_world.others["cluster"], organization=program_world.other_company
    )
    assert eligibility_reasons(call=call, company=program_world.other_company) != []


def test_members_only_in_a_national_program_means_any_cluster(program_world, english):
    call = CallFactory(program=ProgramFactory(cluster=None), members_only=True, eligible_ages=[])
    assert eligibility_reasons(call=call, company=program_world.other_company) == [
        "Only member companies of a cluster may apply."
    ]
    ClusterMember.objects.create(
        cluster=program_world.others["cluster"], organization=program_world.other_company
    )
    assert eligibility_reasons(call=call, company=program_world.other_company) == []


def test_fields_need_an_overlap_with_the_company_profile(program_world, english):
    call = program_world.call
    ivd = term("technology_field", "ivd")
    call.eligible_fields.set([cardiovascular(), ivd])
    assert eligibility_reasons(call=call, company=program_world.company) == []
    [reason] = eligibility_reasons(call=call, company=program_world.other_company)
    assert reason == (
        # Terms in the vocabularies' order: technology fields before therapeutic areas.
        "The call is for companies working in: In-vitro diagnostics, "
        f"{cardiovascular().name_en}. Your company's profile lists none of them."
    )
    # A technology field counts as much as a therapeutic area.
    program_world.other_company.company_profile.technology_fields.set([ivd])
    assert eligibility_reasons(call=call, company=program_world.other_company) == []


def test_every_failed_rule_gives_its_own_reason(program_world):
    call = program_world.call
    call.eligible_ages = [CompanyAge.OVER_7]
    call.members_only = True
    call.save()
    call.eligible_regions.set([term("region", "seoul")])
    call.eligible_fields.set([term("technology_field", "ivd")])
    assert len(eligibility_reasons(call=call, company=program_world.other_company)) == 4


def test_only_companies_may_apply(program_world, english):
    hospital = HospitalFactory()
    assert eligibility_reasons(call=program_world.call, company=hospital) == [
        "Only companies may apply to this call."
    ]


def test_the_rules_read_in_words(program_world, english):
    call = program_world.call
    call.members_only = True
    call.save()
    call.eligible_regions.set([term("region", "gyeongnam")])
    assert eligibility_rules(call) == [
        "Companies only.",
        "Company age: Under 3 years, 3 to 7 years.",
        "Region: Gyeongnam.",
        "Member companies of Gimhae Bio-Health Cluster only.",
    ]
