-- A paired hall display: an account that can only show its commune's meetings.
ALTER TYPE "public"."account_role" ADD VALUE 'hall_display';