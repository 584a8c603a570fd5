"""The grids in the admin, where staff add axes, dimensions and levels (the
portal's pages edit their texts). Each save records a version of the grid.
Campaigns, answers and consensus are not in the admin: individual answers
are read by their author only, staff included."""

from django.contrib import admin

from .models import Axis, Dimension, Grid, Level


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


class DimensionInline(admin.StackedInline):
    model = Dimension
    extra = 0


class VersionedGridAdmin(admin.ModelAdmin):
    def grid_of(self, obj) -> Grid:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.grid_of(form.instance).save_revision(by=request.user, comment="Administration")


@admin.register(Grid)
class GridAdmin(VersionedGridAdmin):
    list_display = ["title", "active", "updated_at"]
    inlines = [LevelInline, AxisInline]

    def grid_of(self, obj) -> Grid:
        return obj


@admin.register(Axis)
class AxisAdmin(VersionedGridAdmin):
    list_display = ["name", "grid", "position"]
    list_filter = ["grid"]
    inlines = [DimensionInline]

    def grid_of(self, obj) -> Grid:
        return obj.grid
