// Every action and kind of record the audit log can hold. `audit()` accepts only these, so a new
// code must be added here, and audit-codes.test.ts then asks for its label in both languages
// (the audit log page shows labels from its message files, never the code).

export const AUDIT_ACTIONS = [
  // accounts and set-up
  'login', 'login_failed', 'lockout', 'unlock', 'logout', 'register', 'change_password', 'reset_password', 'disable', 'enable',
  'download_credentials', 'notification_settings', 'setup',
  // records in general
  'create', 'update', 'edit', 'retire', 'close', 'make_current', 'import', 'submit', 'link_collective',
  // proposals: the workflow, co-signers, numbering and follow-up
  'file', 'withdraw', 'cosign_complete', 'cosign_confirm', 'cosign_decline', 'accept', 'reject', 'reconsider', 'merge', 'merge_in',
  'convert', 'number', 'assign', 'all_replied', 'evaluate', 'evaluation_complete', 'evaluation_unsatisfied', 'another_round',
  'mark_key', 'unmark_key', 'set_sponsors', 'progress_meeting', 'progress_note', 'rate_quality', 'select_excellent',
  'unselect_excellent', 'rate_unit', 'disclose',
  // proposals: a unit's assignment
  'assignment.sign', 'assignment.request_reassign', 'assignment.reassign', 'assignment.contact', 'assignment.send_opinion',
  'assignment.reply', 'assignment.reopen',
  // public opinion
  'mark_duplicate', 'not_use', 'reopen', 'compile', 'forward', 'adopt', 'instruct', 'feedback', 'hand_off', 'handoff_answer',
  'reveal_contact', 'retitle',
  // consultations: plan, meetings, speeches, votes, suggestions, outcomes, live room
  'add_item', 'update_item', 'delete_item', 'approve', 'return', 'publish', 'start', 'end', 'cancel', 'add_material', 'add_guest',
  'remove_guest', 'reply', 'checkin', 'speech_register', 'speech_file', 'speech_withdraw', 'speech_approve', 'speech_reject',
  'speech_speak', 'speech_order', 'speaking', 'speaking_clear', 'vote_settings', 'vote', 'best_speeches', 'suggestion', 'outcome',
  'answer', 'not_adopt', 'forwarding', 'instruction', 'adoption',
  'room.settings', 'comment.post', 'comment.approve', 'comment.hide', 'comment.show', 'comment.pin', 'comment.unpin', 'comment.answer',
  'comment.like', 'comment.unlike',
  // halls: topics, sessions, ratings, cases and the network's places
  'raise', 'support', 'withdraw_support', 'merged_in', 'decline', 'plan', 'scheduled', 'hold', 'rate', 'rating_approve',
  'rating_reject', 'publish_case', 'file_photo', 'file_research', 'place_setup', 'place_activity',
  // attendance, shared by meetings and sessions ('checkin' above): a check-in code issued
  'checkin_code',
  // the shared reminders (platform/reminders.ts): a unit reminded of a proposal's or a suggestion's deadline
  'remind',
  // lounges: events, rota, questions and star levels
  'lounge_event_plan', 'lounge_event_hold', 'lounge_headcount', 'rota_publish', 'rota_remove', 'ask', 'question_publish', 'question_reject',
  'question_answer', 'question_remind', 'question_rate', 'star_rules', 'star_confirm',
  // duty: the yearly evaluation, its warnings and the exit list ('publish' above)
  'compute', 'adjust_grade', 'decide_exit', 'warn',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'user', 'account_credentials', 'organization', 'term', 'session', 'member', 'sector', 'committee', 'party_group', 'handling_unit',
  'place', 'proposal', 'proposal_category', 'proposal_reject_reason', 'proposal_settings', 'opinion', 'opinion_issue',
  'opinion_qr_code', 'opinion_scoring_rules', 'consultation_plan', 'consultation_meeting', 'suggestion',
  'consultation_outcome', 'consultation_comment', 'hall_topic', 'hall_session', 'duty_rules', 'duty_entry', 'duty_claim',
  'lounge_event', 'lounge_rota', 'lounge_question', 'lounge_star_rules', 'lounge_star_level',
  'duty_evaluation', 'duty_warning', 'duty_exit',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
