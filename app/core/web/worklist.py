"""The data interface of every procedure list, for screens and REST alike."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from sqlalchemy import case, func

from app.core.workflow.procedure import procedure_for_model
from app.core.workflow.sla import prime_calendars


class WorklistInterface(SQLAInterface):
    """The data interface of every procedure list: the related rows a list shows loaded in the same
    few statements (`options`, no N+1), the page's office calendars primed for the due-date badges,
    a count over the table alone, and the worklist order — work on the clock by due date, then work
    not on the clock yet, then what is finished — when the list is ordered by due date."""

    def __init__(self, obj, session=None, options=None, nulls_last=()):
        super().__init__(obj, session)
        self._options = options or (lambda: [])
        self._nulls_last = set(nulls_last)

    def apply_all(self, query, *args, **kwargs):
        return super().apply_all(query.options(*self._options()), *args, **kwargs)

    def query_count(self, query, filters=None, select_columns=None) -> int:
        # count(id) over the filtered table alone: FAB counts a subquery of every selected column,
        # joins included, which costs more than the page itself on a large table.
        inner = self.apply_filters(query, self.get_inner_filters(filters))
        return inner.with_entities(func.count(self.obj.id)).order_by(None).scalar()

    def query(self, *args, **kwargs):
        count, rows = super().query(*args, **kwargs)
        # FAB also builds its search drop-downs from this class, over related models (offices, users).
        if hasattr(self.obj, "sla_due_date"):
            prime_calendars({row.office_id for row in rows})
        return count, rows

    def apply_order_by(self, query, order_column, order_direction, aliases_mapping=None,
                       bypass_many_to_many=False, add_pk=False):
        model = self.obj
        if order_column == "sla_due_date" and hasattr(model, "status"):
            finished = procedure_for_model(model).final_states
            group = case((model.status.in_(finished), 2), (model.sla_due_date.is_(None), 1), else_=0)
            due = model.sla_due_date.asc() if order_direction == "asc" else model.sla_due_date.desc()
            return query.order_by(group, due, model.id.asc())
        if order_column in self._nulls_last:
            column = getattr(model, order_column)
            ordered = column.asc() if order_direction == "asc" else column.desc()
            return query.order_by(ordered.nulls_last(), model.id.asc())
        return super().apply_order_by(query, order_column, order_direction, aliases_mapping,
                                      bypass_many_to_many, add_pk)
