"""The owner's own boundary: share, edit, consequence, retire (use cases)."""

from __future__ import annotations

import logging

from core import awaiting, boundaries
from core import boundary_act as ba
from core.awaiting import Asked, Asks
from core.boundaries import Status
from core.boundary_act import Act
from db.models import Boundary, User

log = logging.getLogger(__name__)


async def owner_action(act: Act, verb: str, boundary_id: int) -> None:
    """share, shareany, edit, cons, nocons, retire, rtok: the presser's own boundary only."""
    session, user = act.session, act.user
    boundary = await boundaries.owned(session, user, boundary_id)
    if boundary is None:
        exists = await session.get(Boundary, boundary_id) is not None
        log.info(
            "boundary.refused user=%s boundary=%s action=%s reason=%s",
            user.id,
            boundary_id,
            verb,
            "not_owner" if exists else "unknown",
        )
        act.show(ba.UNKNOWN)  # the same either way: ids can't be probed
    elif boundary.retired_at is not None:
        act.card(boundary)
    elif verb in ("share", "shareany"):
        await _share(act, boundary, anyway=verb == "shareany")
    elif verb == "edit":
        awaiting.ask(user, Asked(Asks.BOUNDARY_EDIT, ref=boundary.id), act.now)
        act.show("boundary.ask_edit", data={"again": boundary.status != Status.PRIVATE}, below=True)
    elif verb == "cons":
        awaiting.ask(user, Asked(Asks.BOUNDARY_CONSEQUENCE, ref=boundary.id), act.now)
        act.show(ba.ASK_CONSEQUENCE, data=boundary, below=True)
    elif verb == "nocons":
        await _drop_consequence(act, user, boundary)
    elif verb == "retire":
        act.show(ba.CONFIRM_RETIRE, data=boundary)
    else:  # rtok
        was_shared = boundary.couple_id is not None and boundary.status != Status.PRIVATE
        boundaries.retire(boundary, act.now)
        log.info("boundary.retired user=%s boundary=%s", user.id, boundary.id)
        act.show(ba.RETIRED)
        if was_shared:
            notice = ("PARTNER_RETIRED", 200)
            await act.tell_partner(ba.NOTICE, words=boundary.statement, data=notice)


async def _share(act: Act, boundary: Boundary, *, anyway: bool) -> None:
    user = act.user
    if user.couple_id is None:
        act.card(boundary, "NOT_PAIRED")
    elif boundary.status != Status.PRIVATE:
        act.card(boundary, "ALREADY_SHARED")
    elif not anyway and boundaries.reads_unsafe(boundary):
        # Held like a note: danger words reach the partner only on a second, deliberate tap.
        log.info("boundary.share_held user=%s boundary=%s", user.id, boundary.id)
        act.show(ba.SHARE_HELD, data=boundary)
    else:
        boundaries.share(boundary, user, act.now)
        log.info("boundary.shared user=%s boundary=%s", user.id, boundary.id)
        act.card(boundary, "SHARED_WITH")
        await act.send_to_partner(boundary, updated=False)


async def _drop_consequence(act: Act, user: User, boundary: Boundary) -> None:
    awaiting.close(user, Asked(Asks.BOUNDARY_CONSEQUENCE, ref=boundary.id))
    if not boundary.consequence:
        act.card(boundary)
        return
    ask = await boundaries.revise(act.session, boundary, act.now, drop_consequence=True)
    act.card(boundary, "CHANGED_ASKED" if ask else "CONSEQUENCE_REMOVED")
    if ask:
        await act.send_to_partner(boundary, updated=True)
