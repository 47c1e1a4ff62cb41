"""Fill the database with demo content in English, Arabic and Farsi."""

import copy
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from tqdm import tqdm

from articles.models import (
    Article,
    ArticleRevision,
    ArticleTranslation,
    Attachment,
    Authorship,
    Correction,
    Episode,
    Event,
    RelatedArticle,
    TranslatorLanguage,
)
from articles.revisions import snapshot
from articles.roles import ensure_roles
from articles.services_attachments import attachment_add
from articles.services_corrections import correction_append
from articles.services_podcast import episode_save
from core.events import everything_changed
from core.slugs import slugify_title
from demo import audio, corpus, images, pdfs
from demo import events as e
from demo import vocabulary as v
from experts.models import Expert, ExpertTranslation
from search.models import SynonymSet
from search.services import synonym_set_save
from taxonomy.models import ArticleType, Region, Topic

LANGS = v.LANGS
# Demo staff for each editorial role: (username, group, languages they translate into).
ROLE_LOGINS = [
    ("author", "Author", []),
    ("editor", "Editor", []),
    ("translator", "Translator", ["ar", "fa"]),
]
MAX_ARTICLES = 1_000_000


class Command(BaseCommand):
    help = (
        "Create demo experts, topics, regions, content types and articles in English, Arabic "
        "and Farsi, and a demo admin login. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=300, help="How many articles (default 300)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Articles per bulk insert."
        )

    def handle(self, *args, articles, batch_size, verbosity, **options):
        self.verbosity = verbosity
        if not 0 <= articles <= MAX_ARTICLES:
            raise CommandError(f"--articles must be between 0 and {MAX_ARTICLES}.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.now = timezone.now()
        with transaction.atomic():  # one "content changed" event for all of them
            self.vocabulary()
        self.heroes = [images.hero(n) for n in range(corpus.HERO_COUNT)]
        created = self.seed_articles(articles, batch_size)
        if created and connection.vendor == "postgresql":
            # Fresh bulk inserts leave the planner without statistics until autovacuum
            # runs; without them listing queries pick slow plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Articles: {created} created, {Article.objects.count()} in the database."
        )
        if created:
            # Bulk inserts bypass the models: one event says everything changed, and its
            # subscribers index the corpus, rebuild the recommendations and set the
            # scheduled pieces' tasks (core.events.SITE).
            everything_changed()
            self.finish_tasks()
        admin = self.admin_login()
        corrected, attached = self.correct_one(admin), self.attach_report(admin)
        recorded, held = self.record_episode(admin), self.hold_events(admin)
        if corrected or attached or recorded or held:
            self.finish_tasks()

    def finish_tasks(self):
        """Run the queued work now, so the demo is complete when the command returns."""
        if isinstance(task_backends["default"], DatabaseBackend):
            call_command(
                "tasks_worker", batch=True, reload=False, startup_delay=False, interval=0,
                verbosity=0,
            )  # fmt: skip

    def vocabulary(self):
        """Find or create the content types, topics, regions, countries and experts."""
        self.types = [self.term(ArticleType, names, k) for k, names in enumerate(v.ARTICLE_TYPES)]
        self.topics = [self.term(Topic, names, k) for k, (names, _nouns) in enumerate(v.TOPICS)]
        self.regions, self.countries = [], []
        for k, (names, countries) in enumerate(v.REGIONS):
            region = self.term(Region, names, k)
            self.regions.append(region)
            for c, country_names in enumerate(countries):
                self.countries.append(self.term(Region, country_names, c, parent=region))
        self.experts = [self.expert(k) for k in range(corpus.EXPERT_COUNT)]
        for name, spellings in v.SYNONYMS:
            if not SynonymSet.objects.filter(name=name).exists():
                synonym = SynonymSet(name=name, terms="\n".join(spellings))
                synonym_set_save(synonym_set=synonym, user=None)

    def term(self, model, names, position, **shared):
        """Return the term whose English name is names[0], creating it in all languages."""
        slug = slugify_title(names[0])
        found = model.objects.filter(
            translations__language_code="en", translations__slug=slug
        ).first()
        if found:
            return found
        term = model(position=position, **shared)
        for n, lang in enumerate(LANGS):
            term.set_current_language(lang)
            term.name = names[n]
            term.slug = slugify_title(names[n]) if lang == "en" else ""
            term.description = v.TERM_DESCRIPTION[n].format(name=names[n])
        term.save()
        return term

    def expert(self, k):
        """Return demo expert k, creating them with a portrait and bios in all languages."""
        names = corpus.expert_names(k)
        slug = slugify_title(names[0])
        found = Expert.objects.filter(slug=slug).first()
        if found:
            return found
        a, b = (v.TOPICS[t][0] for t in corpus.expert_topics(k))
        role = v.ROLES[k % len(v.ROLES)]
        expert = Expert(slug=slug, is_current=k % 7 != 6, photo=images.portrait(k))
        for n, lang in enumerate(LANGS):
            expert.set_current_language(lang)
            expert.name = names[n]
            expert.role = role[n]
            fill = {"name": names[n], "role": role[n], "a": a[n], "b": b[n]}
            expert.short_bio = v.SHORT_BIO[n].format(**fill)
            expert.full_bio = f"{expert.short_bio}\n\n{v.FULL_BIO_EXTRA[n].format(**fill)}"
            expert.photo_alt = names[n]
        expert.save()
        if corpus.expert_was_revised(k):
            self.revise_expert(expert, k)
        return expert

    def revise_expert(self, expert, k):
        """Make expert k's Arabic and Farsi text outdated: made before a change of role."""
        fill = {"name": corpus.expert_names(k)[0], "role": corpus.previous_role(k)[0]}
        fill["a"], fill["b"] = (v.TOPICS[t][0][0] for t in corpus.expert_topics(k))
        english = ExpertTranslation.objects.get(master=expert, language_code="en")
        before = {name: getattr(english, name) for name in Expert.source_fields}
        before.update(role=fill["role"], short_bio=v.SHORT_BIO[0].format(**fill))
        Expert.objects.filter(pk=expert.pk).update(source_version=1)
        english.made_from_version = 1
        english.save(update_fields=["made_from_version"])
        ExpertTranslation.objects.filter(master=expert).exclude(language_code="en").update(
            made_from_text=before
        )

    def seed_articles(self, count, batch_size):
        """Create articles 0..count-1 that are not there yet; return how many were made."""
        created = 0
        quiet = count == 0 or self.verbosity == 0
        with tqdm(total=count, desc="articles", unit="", disable=quiet) as bar:
            for start in range(0, count, batch_size):
                heads = [corpus.headline(i) for i in range(start, min(count, start + batch_size))]
                taken = set(
                    ArticleTranslation.objects.filter(
                        slug__in=[h.slugs[h.source] for h in heads]
                    ).values_list("language_code", "slug")
                )
                new = [h for h in heads if (h.source, h.slugs[h.source]) not in taken]
                if new:
                    with transaction.atomic():
                        self.insert(new)
                created += len(new)
                bar.update(len(heads))
                reset_queries()  # With DEBUG on, Django would keep every insert's SQL.
        return created

    def insert(self, heads):
        articles = Article.objects.bulk_create([self.article(h) for h in heads])
        by_index = {h.index: a for h, a in zip(heads, articles, strict=True)}
        targets = self.pin_targets(heads, by_index)
        translations, authorships, topics, regions, pins = [], [], [], [], []
        for h, article in zip(heads, articles, strict=True):
            for lang, state in h.states.items():
                if state:
                    translations.append(self.translation(h, article, lang, state))
            authorships += [
                Authorship(article=article, expert=self.experts[k], position=p)
                for p, k in enumerate(h.authors)
            ]
            topics += [
                Article.topics.through(article=article, topic=self.topics[t]) for t in h.topics
            ]
            places = {self.countries[c] for c in h.countries}
            if h.with_region:
                places |= {self.regions[corpus.COUNTRIES[c][0]] for c in h.countries}
            regions += [Article.regions.through(article=article, region=r) for r in places]
            if (target := targets.get(h.index)) is not None:
                pins.append(RelatedArticle(article=article, target=target, position=0))
        ArticleTranslation.objects.bulk_create(translations)
        Authorship.objects.bulk_create(authorships)
        Article.topics.through.objects.bulk_create(topics)
        Article.regions.through.objects.bulk_create(regions)
        RelatedArticle.objects.bulk_create(pins)
        self.revisions([(h, by_index[h.index]) for h in heads if h.outdated])

    def pin_targets(self, heads, by_index):
        """{article index: the article its editor pins} (corpus.pin_target), made or found."""
        wanted = {h.index: corpus.pin_target(h.index) for h in heads}
        wanted = {i: j for i, j in wanted.items() if j is not None}
        earlier = [corpus.headline(j) for j in set(wanted.values()) - set(by_index)]
        found = {
            (lang, slug): pk
            for pk, lang, slug in ArticleTranslation.objects.filter(
                slug__in=[o.slugs[o.source] for o in earlier]
            ).values_list("master_id", "language_code", "slug")
        }
        made = {o.index: found.get((o.source, o.slugs[o.source])) for o in earlier}
        targets = {}
        for i, j in wanted.items():
            target = by_index.get(j) or (Article(pk=made[j]) if made.get(j) else None)
            if target is not None:
                targets[i] = target
        return targets

    def revisions(self, revised):
        """Record the history of revised articles: their source text before and after."""
        records = []
        for h, article in revised:
            after = snapshot(article)
            before = copy.deepcopy(after)
            before["translations"][h.source].update(corpus.previous_text(h, h.source))
            common = {"article": article, "changed_languages": [h.source]}
            records += [
                ArticleRevision(
                    **common, kind=ArticleRevision.Kind.BASELINE, snapshot=before,
                    source_version=0, created_at=self.now - timedelta(days=2),
                    shared_changed=True,
                ),
                ArticleRevision(
                    **common, kind=ArticleRevision.Kind.SAVE, snapshot=after,
                    source_version=1, created_at=self.now - timedelta(days=1),
                ),
            ]  # fmt: skip
        ArticleRevision.objects.bulk_create(records)

    def article(self, h):
        source_public = h.states[h.source] == "published"
        return Article(
            source_language=h.source,
            article_type=self.types[h.type_index],
            published_at=self.now - timedelta(days=h.days_ago) if source_public else None,
            is_featured=h.featured,
            is_withdrawn=h.withdrawn,
            hero_image=self.heroes[h.hero] if h.hero is not None else "",
            source_version=1 if h.outdated else 0,
        )

    def translation(self, h, article, lang, state):
        n = LANGS.index(lang)
        hero = h.hero is not None
        colour = v.COLOURS[(h.hero or 0) % len(v.COLOURS)][n]
        return ArticleTranslation(
            master=article,
            language_code=lang,
            title=h.titles[lang],
            slug=h.slugs[lang],
            summary=corpus.summary(h, lang),
            body=corpus.body(h.index, lang),
            author_note=corpus.author_note(h, lang),
            hero_alt=v.HERO_ALT[n].format(colour=colour) if hero else "",
            hero_credit=v.HERO_CREDIT[n] if hero else "",
            state=state,
            made_from_version=0 if lang in h.outdated or not h.outdated else 1,
        )

    def public_everywhere(self):
        """The pieces public in all three languages, newest first."""
        public = [Article.objects.public(lang).values("pk") for lang in LANGS]
        return (
            Article.objects.filter(pk__in=public[0])
            .filter(pk__in=public[1])
            .filter(pk__in=public[2])
            .order_by("-published_at", "-pk")
        )

    def correct_one(self, editor) -> bool:
        """
        Append a correction in every language to the newest piece public in all three, once
        (one transaction: one event); return True if it did.
        """
        article = self.public_everywhere().first()
        if Correction.objects.exists() or article is None:
            return False
        with transaction.atomic():
            for lang, text in zip(LANGS, v.CORRECTION, strict=True):
                correction_append(article=article, language=lang, user=editor, text=text)
        return True

    def attach_report(self, editor) -> bool:
        """
        Attach a PDF report in every language to the second newest piece public in all
        three, once (one transaction: one event); return True if it did.
        """
        article = self.public_everywhere()[1:2].first()
        if Attachment.objects.exists() or article is None:
            return False
        with transaction.atomic():
            for n, lang in enumerate(LANGS):
                content = pdfs.report_pdf(v.REPORT_FILE_TITLE, v.REPORT_FILE_LINES)
                upload = ContentFile(content, name=f"report-{lang}.pdf")
                attachment_add(article=article, language=lang, user=editor, file=upload,
                               title=v.REPORT_TITLE[n])  # fmt: skip
        return True

    def record_episode(self, editor) -> bool:
        """
        Make a piece public in all three languages a podcast episode (a Podcast one when
        there is one; else the third newest), with a generated MP3 and a guest, once (one
        transaction: one event); return True if it did.
        """
        everywhere = self.public_everywhere().exclude(corrections__isnull=False)
        article = (
            everywhere.filter(article_type__translations__name="Podcast").first()
            or everywhere[2:3].first()
        )
        if Episode.objects.exists() or article is None:
            return False
        guest = Expert.objects.exclude(authorships__article=article).order_by("pk").first()
        upload = ContentFile(audio.mp3_bytes(v.EPISODE_SECONDS), name="episode-1.mp3")
        with transaction.atomic():
            episode_save(article=article, user=editor, audio=upload, episode_number=1,
                         season_number=1, guests=[guest] if guest else [],
                         outside_guests=v.EPISODE_OUTSIDE_GUEST)  # fmt: skip
        return True

    def hold_events(self, editor) -> bool:
        """
        Make two more pieces public in all three languages events of the Event type, one
        ahead and one past (demo.events), once (one transaction: one event); return True if
        it did.
        """
        taken = Q(corrections__isnull=False) | Q(attachments__isnull=False)
        pieces = list(self.public_everywhere().exclude(taken).filter(episode__isnull=True)[:2])
        if Event.objects.exists() or len(pieces) < 2:
            return False
        with transaction.atomic():
            kind = self.term(ArticleType, e.EVENT_TYPE, len(v.ARTICLE_TYPES))
            e.hold_events(pieces, kind=kind, editor=editor, now=self.now)
        return True

    def admin_login(self):
        """Create or reset the demo administrator and print its login; return the user."""
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "thinktank-demo")
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}  (at /admin/)"))
        ensure_roles()
        for name, role, languages in ROLE_LOGINS:
            if name == username:
                continue
            staff, _created = get_user_model().objects.get_or_create(
                username=name, defaults={"email": f"{name}@example.org"}
            )
            staff.is_staff, staff.is_superuser = True, False
            staff.set_password(password)
            staff.save()
            staff.groups.set([Group.objects.get(name=role)])
            for language in languages:
                TranslatorLanguage.objects.get_or_create(user=staff, language_code=language)
            note = f", translates into {', '.join(languages)}" if languages else ""
            self.stdout.write(f"{role} login: {name} / {password}{note}")
        return user
