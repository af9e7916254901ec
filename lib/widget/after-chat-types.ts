/** What GET /api/v1/chats/:id/after answers (issue 18); shared by the server and the contact page. */
export interface AfterChatState {
  ended: boolean;
  ratingEnabled: boolean;
  rated: boolean;
  /** The email the contact typed when starting this chat (to pre-fill the transcript form). */
  email: string | null;
  /** The transcript mail last asked for in this chat, if any. */
  transcriptMail: { status: 'pending' | 'sending' | 'sent' | 'failed' } | null;
}
