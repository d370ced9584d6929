-- A seat on a committee's standing body: the Party's Standing Committee, the Front's Standing Board.
ALTER TYPE "public"."membership_position" ADD VALUE 'standing_member' BEFORE 'member';