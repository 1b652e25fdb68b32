"""/admin/ views of the framework, for the people who run the installation.

District staff edit their framework in the app (/portrait/); reflections are shown here
read-only, because their text is private to the people access.py names.
"""

from django.contrib import admin

from portrait.models import (
    Attribute,
    Feedback,
    Framework,
    LeadershipExample,
    LevelDescriptor,
    Reflection,
    ReflectionPrompt,
    Resource,
)


class AttributeInline(admin.TabularInline):
    model = Attribute
    extra = 0
    fields = ["order", "name", "slug", "summary"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_current", "created_at"]
    list_filter = ["is_current", "district"]
    inlines = [AttributeInline]


class DescriptorInline(admin.StackedInline):
    model = LevelDescriptor
    extra = 0


class PromptInline(admin.TabularInline):
    model = ReflectionPrompt
    extra = 0
    fields = ["order", "text", "level", "is_archived"]


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "order"]
    list_filter = ["framework__district"]
    inlines = [DescriptorInline, PromptInline]


@admin.register(LeadershipExample)
class ExampleAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "level", "is_archived"]
    list_filter = ["framework__district", "is_archived"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "attribute", "is_archived"]
    list_filter = ["framework__district", "is_archived"]


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ["author", "attribute", "status", "submitted_at"]
    list_filter = ["status", "district"]
    list_select_related = ["author", "attribute"]
    # The text stays out of /admin/: only the people access.py names read it.
    fields = ["district", "author", "prompt", "attribute", "status", "submitted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["reflection", "author", "rating", "created_at"]
    list_select_related = ["reflection__author", "reflection__attribute", "author"]
    fields = ["reflection", "author", "rating", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
