"""tend's Telegram side: wiring, handlers, keyboards, rendering and sending."""
