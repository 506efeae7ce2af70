"""Links to the supervision pages on the campaign page (role checks only)."""


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    return []
