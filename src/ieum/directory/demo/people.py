"""Demo accounts: one per role, all with the same password.

The README and the tests refer to `DEMO_LOGINS`. Every demo address ends in
`@demo.ieum.kr`; `seed_demo --reset` deletes all accounts of that domain.
"""

from dataclasses import dataclass

DEMO_PASSWORD = "ieum-demo-2025"
DEMO_EMAIL_DOMAIN = "demo.ieum.kr"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    role: str
    organization_slug: str
    title: str = ""
    is_admin: bool = False
    preferred_language: str = "ko"


DEMO_LOGINS = [
    DemoLogin(
        "admin@demo.ieum.kr",
        "한지원",
        "platform_admin",
        "khidi",
        "K-바이오헬스 전략센터 매니저",
        is_admin=True,
    ),
    DemoLogin(
        "events@demo.ieum.kr", "오세린", "event_organizer", "khidi", "오픈이노베이션 행사 담당"
    ),
    DemoLogin(
        "gimhae.staff@demo.ieum.kr",
        "김도윤",
        "cluster_staff",
        "gimhae-biomedical-agency",
        "지역센터 운영팀 선임",
        is_admin=True,
    ),
    DemoLogin(
        "yonsei.coordinator@demo.ieum.kr",
        "이서연",
        "hospital_coordinator",
        "yonsei-health-system",
        "오픈이노베이션 코디네이터",
    ),
    DemoLogin(
        "company@demo.ieum.kr",
        "박민준",
        "company_member",
        "h-bio-diagnostics",
        "사업개발 이사",
        is_admin=True,
    ),
    DemoLogin(
        "demand@demo.ieum.kr",
        "Emily Carter",
        "demand_company_member",
        "northbridge-medical",
        "Director, External Innovation",
        preferred_language="en",
    ),
    DemoLogin("investor@demo.ieum.kr", "정우진", "investor", "hanbit-health-investment", "심사역"),
    DemoLogin(
        "reviewer@demo.ieum.kr",
        "최하은",
        "reviewer",
        "chosun-university-rnd",
        "외부 평가위원 (치의학 교수)",
    ),
]
