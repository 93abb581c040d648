"""Time: schedule rules, the due-queue dispatcher and its periodic tick (see issue 3)."""
