// Placeholder until the data set loaders land: the namespace exists so `datasets` is preloaded.
export const datasets = {};
