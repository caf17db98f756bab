/** Markup that would run script if the app ever rendered step text as HTML. */
export const HOSTILE_IMG = '<img src=x onerror=window.__pwned=1>'
export const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>'
