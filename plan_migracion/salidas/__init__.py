"""Las salidas: datos abiertos (CSV, JSON, paquete), feed Atom, PDF, copia sin conexión (ZIP) y
esquemas JSON. Usan la capa de datos y las vistas; nunca al revés. Sin MkDocs."""
