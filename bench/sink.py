"""Where generated rows go: COPY on PostgreSQL, bulk_create elsewhere (SQLite, for the test).

Rows are plain tuples in the order of the columns a table is opened with; every other column
gets its model default (or the generation time for auto_now fields), fixed once per table.
Primary keys are explicit and handed out here, so that rows can name each other before any of
them is written; the sequences are reset when the sink closes.
"""

import itertools
import json
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class Table:
    def __init__(self, model: type[models.Model], columns: Iterable[str], now):
        self.model = model
        self.columns = list(columns)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(self.columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        self.fixed: list[tuple[str, object]] = []
        for name, f in fields.items():
            if name in self.columns:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif f.blank and isinstance(f, (models.CharField, models.TextField)):
                value = ""
            else:
                raise ValueError(f"{model.__name__}.{name} needs a value")
            self.fixed.append((name, value))
        self.all_columns = self.columns + [name for name, _ in self.fixed]
        self.fixed_values = tuple(value for _, value in self.fixed)
        self.json_at = [i for i, name in enumerate(self.all_columns)
                        if isinstance(fields[name], models.JSONField)]
        self.rows: list[tuple] = []

    def add(self, *values) -> None:
        self.rows.append(values)


class Sink:
    """Collects rows per table and writes them in the order the tables were opened."""

    def __init__(self, now, *, postgres: bool | None = None):
        self.now = now
        self.postgres = connection.vendor == "postgresql" if postgres is None else postgres
        self.tables: dict[type[models.Model], Table] = {}
        self.counters: dict[type[models.Model], itertools.count] = {}
        self.written: dict[str, int] = {}

    def table(self, model, columns) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model, columns, self.now)
        return self.tables[model]

    def next_id(self, model) -> int:
        if model not in self.counters:
            start = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
            self.counters[model] = itertools.count(start)
        return next(self.counters[model])

    def pending(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())

    def flush(self) -> None:
        for table in self.tables.values():
            if table.rows:
                (self._copy if self.postgres else self._bulk_create)(table)
                label = table.model._meta.label
                self.written[label] = self.written.get(label, 0) + len(table.rows)
                table.rows = []

    def _copy(self, table: Table) -> None:
        quote = connection.ops.quote_name
        sql = (f"COPY {quote(table.model._meta.db_table)} "
               f"({', '.join(quote(c) for c in table.all_columns)}) FROM STDIN")
        fixed, json_at = table.fixed_values, table.json_at
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
            with raw.copy(sql) as copy:
                for row in table.rows:
                    row = row + fixed
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = json.dumps(row[i], ensure_ascii=False)
                    copy.write_row(row)

    def _bulk_create(self, table: Table) -> None:
        model, names = table.model, table.all_columns
        objects = [model(**dict(zip(names, row + table.fixed_values, strict=True)))
                   for row in table.rows]
        model.objects.bulk_create(objects, batch_size=500)

    def reset_sequences(self) -> None:
        models_ = [t.model for t in self.tables.values()]
        statements = connection.ops.sequence_reset_sql(no_style(), models_)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
