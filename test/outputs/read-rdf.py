# Reads an RDF file with rdflib, a parser that shares no code with n3 or jsonld, and prints its
# triples as JSON: [[subject, predicate, object], ...], each term {"type", "value", "datatype",
# "language"}, sorted. Usage: read-rdf.py FILE FORMAT (turtle or json-ld).
import json
import sys

import rdflib
from rdflib.term import BNode, Literal, URIRef

# Keep literals as written ("2019-02-05T16:34:18.000Z" stays so): the test compares the bytes of
# each value with n3's reading, not what rdflib would normalise them to.
rdflib.NORMALIZE_LITERALS = False


def term(node):
    if isinstance(node, URIRef):
        return {"type": "iri", "value": str(node), "datatype": None, "language": None}
    if isinstance(node, BNode):
        return {"type": "blank", "value": str(node), "datatype": None, "language": None}
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype is not None else None
        return {"type": "literal", "value": str(node), "datatype": datatype, "language": node.language}
    raise TypeError(f"unexpected term {node!r}")


def main():
    path, rdf_format = sys.argv[1], sys.argv[2]
    graph = rdflib.Graph()
    graph.parse(path, format=rdf_format)
    triples = [[term(s), term(p), term(o)] for s, p, o in graph]
    triples.sort(key=lambda triple: json.dumps(triple, sort_keys=True))
    json.dump(triples, sys.stdout, ensure_ascii=False)


main()
