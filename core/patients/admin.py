from django.contrib import admin

from .models import Invitation, Membership, Patient


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["display_name", "usual_mobility", "time_zone", "created_at"]
    search_fields = ["display_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["patient", "user", "role", "joined_at"]
    list_filter = ["role"]
    raw_id_fields = ["patient", "user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["patient", "role", "created_by", "created_at", "expires_at", "accepted_at",
                    "revoked_at"]
    raw_id_fields = ["patient", "created_by", "accepted_by"]
    readonly_fields = ["token_hash"]
