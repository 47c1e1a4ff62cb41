"""
The JSON-LD of an event's page: a schema.org Event in place of the article's Article (an
Event is not a CreativeWork: the Article's headline, authors and translations do not apply
to it). Its times carry the offset of the event's time zone; its location is a Place with a
PostalAddress (in person), a VirtualLocation (online), or both (hybrid).
"""

from django.urls import reverse

from .metadata import organization, person

SCHEMA = "https://schema.org/"
MODES = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
STATUSES = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
# What an Event shares with the Article built for the page (articles.metadata).
KEPT = ("@context", "@id", "url", "mainEntityOfPage", "name", "description", "image", "inLanguage")


def event_json_ld(request, *, article_data: dict, event, place, speakers, translation) -> dict:
    """Return a schema.org Event for one language version of an event."""
    zone = event.zone
    data = {key: article_data[key] for key in KEPT if key in article_data}
    data.update(
        {
            "@type": "Event",
            "startDate": event.starts_at.astimezone(zone).isoformat(),
            "endDate": event.ends_at.astimezone(zone).isoformat(),
            "eventStatus": SCHEMA + STATUSES[event.status],
            "eventAttendanceMode": SCHEMA + MODES[event.mode],
            "organizer": organization(request),
            "location": locations(request, event, place, translation),
        }
    )
    performers = [person(request, speaker) for speaker in speakers]
    performers += [{"@type": "Person", "name": name} for name in event.outside_speaker_names]
    if performers:
        data["performer"] = performers
    if event.registration_url:
        data["offers"] = {"@type": "Offer", "url": event.registration_url}
    if event.recording_url:
        data["recordedIn"] = {"@type": "CreativeWork", "url": event.recording_url}
    return data


def locations(request, event, place, translation) -> list[dict]:
    found = []
    if event.in_person:
        address = {"@type": "PostalAddress"}
        if place is not None and place.address:
            address["streetAddress"] = place.address
        if place is not None and place.city:
            address["addressLocality"] = place.city
        if event.country:
            address["addressCountry"] = event.country
        venue = {"@type": "Place", "address": address}
        if place is not None and place.venue:
            venue["name"] = place.venue
        found.append(venue)
    if event.online:
        page = reverse("articles:resolve", kwargs={"slug": translation.slug})
        url = event.online_url or event.registration_url or request.build_absolute_uri(page)
        found.append({"@type": "VirtualLocation", "url": url})
    return found
