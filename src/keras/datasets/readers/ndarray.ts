// What the readers return: plain typed arrays (or Python values, for object arrays) with their shape, in C order.
import type { NumericData, NumericDtype } from './dtype';

/** The Python values that a NumPy object array of lists can hold. Tuples come back as arrays too. */
export type PyValue = null | boolean | number | string | Uint8Array | PyValue[] | NdArray;

export interface NumericArray {
  dtype: NumericDtype;
  shape: number[];
  data: NumericData;
}

export interface ObjectArray {
  dtype: 'O';
  shape: number[];
  data: PyValue[];
}

export type NdArray = NumericArray | ObjectArray;
