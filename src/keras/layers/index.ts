// The `layers` namespace: Keras class names as factories, plus Input and the merge shortcuts.
export * from './core';
export * from './conv';
export * from './recurrent';
export * from './merge';
export { Input } from './input';
export { Lambda, LambdaLayer } from './lambda';
export { Layer } from './base-layer';
