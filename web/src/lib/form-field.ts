/**
 * A form field's value as it is at submit time: a keystroke's re-render may still be pending,
 * so the state copy can lag behind what the user sees.
 */
export function fieldValue(event: Event, name: string): string {
  const form = event.currentTarget as HTMLFormElement;
  const field = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  return field?.value ?? '';
}
