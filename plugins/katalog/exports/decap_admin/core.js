// Katalog's Decap admin, core: create(data, yaml), the functions that need no browser (the formats,
// ids, checks and links the admin page uses; the tests run them under node), assembled from the core's
// parts in this order: each reads what the parts before it added to the context and adds its own.
(function (ns) {
  'use strict';

  ns.create = function create(data, yaml) {
    var k = {
      texts: data.texts || {},
      types: data.types || {},
      vocabularies: data.vocabularies || {},
      nordic: data.nordic || {},
      maxIdLength: data.maxIdLength || 0,
      yaml: yaml,
    };
    [ns.core.schema, ns.core.yamlWriter, ns.core.fileReader, ns.core.fileWriter, ns.core.checks, ns.core.links]
      .forEach(function (part) { part(k); });

    return {
      typedLinks: k.typedLinks,
      references: k.references,
      slugify: k.slugify,
      idFromTitle: k.idFromTitle,
      fromFile: k.fromFile,
      toFile: k.toFile,
      fileValues: k.fileValues,
      entryProblems: k.entryProblems,
      mergeBody: ns.mergeBody,
      linkPattern: ns.LINK,
      texts: k.texts,
      types: k.types,
      vocabularies: k.vocabularies,
    };
  };
})(KatalogDecap);
