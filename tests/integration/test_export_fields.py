"""The export holds what tend keeps about a person's rhythm too: answers to reminders, the pause,
the boundary review day, a pending erasure warning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncSession

from core.export_markdown import to_markdown
from core.rights import export_person
from db import migrate
from db.models import Couple, Delivery, Reminder, User
from db.session import create_engine
from db.types import install_keyring

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_export_has_reminder_answers_pause_review_day_and_erasure_warning(database_url):
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            couple = Couple(created_at=NOW, review_day=3)
            session.add(couple)
            await session.flush()
            seen = NOW - timedelta(days=300)
            user = User(
                id=11,
                created_at=seen,
                consent_at=seen,
                consent_version="v",
                last_seen_at=seen,
                role="hurt",
                couple_id=couple.id,
                couple_slot=0,
                paused_at=NOW - timedelta(days=2),
                paused_until=NOW + timedelta(days=1),
                erasure_warned_at=NOW - timedelta(days=1),
            )
            session.add(user)
            await session.flush()
            reminder = Reminder(user_id=11, kind="selfcare", minute_of_day=540, days=127)
            session.add(reminder)
            await session.flush()
            for attempt, response in ((0, "done"), (1, None)):
                session.add(
                    Delivery(
                        reminder_id=reminder.id,
                        user_id=11,
                        kind="selfcare",
                        slot_at=NOW - timedelta(days=3),
                        attempt=attempt,
                        status="sent",
                        created_at=NOW - timedelta(days=3),
                        sent_at=NOW - timedelta(days=3),
                        response=response,
                    )
                )
            await session.flush()
            data = await export_person(session, user, NOW)
            later = await export_person(session, user, NOW + timedelta(days=2))
        assert data["profile"]["role"] == "hurt"
        assert data["settings"]["paused"] is True
        assert data["settings"]["paused_since"] == (NOW - timedelta(days=2)).isoformat()
        assert later["settings"]["paused"] is False  # the pause is over by then
        assert data["pairing"]["boundary_review_day"] == "thu"
        assert data["erasure_warning"] == {
            "warned_at": (NOW - timedelta(days=1)).isoformat(),
            "cancelled_by_any_message": True,
        }
        assert [(a["kind"], a["answer"]) for a in data["reminder_answers"]] == [
            ("selfcare", "done")
        ]
        markdown = to_markdown(data)
        assert "## Your answers to reminders" in markdown and "- **Answer**: done" in markdown
        assert "## Erasure warning" in markdown and "- **Paused since**:" in markdown
        assert "- **Boundary review day**: Thursday" in markdown
        # The same export for a Spanish reader: headings, words and dates in Spanish.
        data["profile"]["language"] = "es"
        spanish = to_markdown(data)
        assert spanish.startswith("# Todo lo que tend guarda sobre ti")
        assert "## Aviso de borrado" in spanish and "- **Respuesta**: hecho" in spanish
        assert "la persona a quien hirieron" in spanish and "Your" not in spanish
        assert "noviembre de 2026" in spanish and "November" not in spanish
        assert to_markdown(data, "en").startswith("# Everything tend holds about you")
    finally:
        await engine.dispose()
