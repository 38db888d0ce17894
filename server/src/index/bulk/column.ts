type TypedArray = Int32Array | Float64Array | Uint8Array;

/**
 * A typed column that grows as values are pushed and is taken as an exact-length copy, so its
 * working buffer is reused from batch to batch while each batch owns (and may transfer) its own.
 */
export class Column<T extends TypedArray> {
  readonly #make: new (
    length: number,
  ) => T;
  #data: T;
  #length = 0;

  constructor(make: new (length: number) => T) {
    this.#make = make;
    this.#data = new make(1024);
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new this.#make(this.#length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  take(): T {
    const taken = this.#data.slice(0, this.#length) as T;
    this.#length = 0;
    return taken;
  }
}
