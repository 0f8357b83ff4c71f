# Órdenes del proyecto. Cada una crea el entorno (.venv) si falta.
#   make serve  → sirve el sitio en http://127.0.0.1:8000 (ambos idiomas, recarga en vivo)
#   make build  → valida los datos y escribe el sitio en site/ (scripts/construir.py)
#   make benchmark → mide la compilación con datos sintéticos (scripts/benchmark.py)
#   make test   → instala lo necesario y ejecuta todas las pruebas
#   make validar → valida datos/ (python scripts/validar.py)
#   make benchmark-paginas → Lighthouse y bytes transferidos de las páginas principales
#   make requisitos → regenera requirements*.txt (versiones y hashes) desde requirements*.in

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build benchmark test validar limpiar sistema benchmark-paginas

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# requirements*.txt fijan cada paquete con los hashes de sus archivos (pip-compile --generate-hashes):
# pip instala solo lo que está en la lista y con su hash (--require-hashes), y siempre ruedas
# (--only-binary): nada se compila al instalar.
PIP_FIJADO := $(BIN)/python -m pip install --quiet --require-hashes --only-binary :all:

# Dependencias del sitio (requirements.txt) y, en otra llamada, el paquete del proyecto: una
# instalación editable no tiene hash.
$(VENV)/.sitio: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP_FIJADO) -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Dependencias de las pruebas (requirements-dev.txt, con las mismas versiones que requirements.txt).
$(VENV)/.pruebas: requirements-dev.txt $(VENV)/.sitio
	$(PIP_FIJADO) -r requirements-dev.txt
	touch $@

# Regenera requirements*.txt (versiones y hashes) tras cambiar un requirements*.in, con pip-tools en
# un entorno aparte. Sin la configuración de pip de la máquina (PIP_CONFIG_FILE=/dev/null, sin
# PIP_FIND_LINKS...): los hashes son los de los archivos del índice público, que es de donde instala
# una máquina nueva. Para subir versiones: make requisitos ARGS=--upgrade (o --upgrade-package X).
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null .cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--no-emit-find-links --no-emit-index-url --no-strip-extras $(ARGS)
.PHONY: requisitos
requisitos:
	$(PYTHON) -m venv .cache/pip-tools
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null .cache/pip-tools/bin/python -m pip install --quiet pip-tools
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) --output-file=requirements-dev.txt requirements-dev.in

# Paquetes de npm (package-lock.json). Las pruebas solo necesitan vnu-jar (dependencies);
# lighthouse (devDependencies) es solo para el benchmark. --ignore-scripts: el postinstall
# de vnu-jar querría descargar un Java; se usa el de Debian (paquetes-debian.txt).
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund
# Si falta npm, se instala el de Debian con apt-get (con sudo si no se es root, como
# scripts/instalar_sistema.sh).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
INSTALAR_NPM := command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends npm; }

node_modules/.pruebas: package.json package-lock.json
	@$(INSTALAR_NPM)
	$(NPM_CI) --omit=dev
	touch $@

node_modules/.benchmark: package.json package-lock.json
	@$(INSTALAR_NPM)
	$(NPM_CI)
	touch $@ node_modules/.pruebas

# Paquetes de Debian para las pruebas (chromium, poppler-utils...): apt-get, solo si faltan.
sistema:
	bash scripts/instalar_sistema.sh

serve: $(VENV)/.sitio
	$(BIN)/python scripts/plan.py servir

# Valida los datos una vez, compila (mkdocs build en una carpeta temporal) y cambia site/ solo si todo salió bien.
build: $(VENV)/.sitio
	$(BIN)/python scripts/plan.py construir

# Banco de pruebas de velocidad (no lo ejecuta make test): datos sintéticos en una carpeta temporal.
benchmark: $(VENV)/.pruebas
	$(BIN)/python scripts/plan.py benchmark $(ARGS)

validar: $(VENV)/.sitio
	$(BIN)/python scripts/plan.py validar datos

# En paralelo con pytest-xdist (-n auto: un proceso más que núcleos, tests/conftest.py); cada archivo, entero en
# un proceso (--dist loadfile), en el orden de tests/conftest.py (primero el recorrido de Chromium).
# Cada sitio se compila una vez por ejecución aunque lo lean varios procesos (tests/conftest.py).
PYTEST := $(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

test: $(VENV)/.pruebas node_modules/.pruebas sistema
	$(PYTEST)

# Nivel rápido (menos de un minuto): datos, validación, vistas y salidas sin compilar con MkDocs ni
# abrir Chromium. make test ejecuta además las marcadas «sitio» y «navegador» (pyproject.toml).
.PHONY: test-rapido
test-rapido: $(VENV)/.pruebas
	$(PYTEST) -q -m "not sitio and not navegador"

# Calidad de las páginas (no es una prueba): imprime la tabla que guarda el README.
benchmark-paginas: build $(VENV)/.pruebas node_modules/.benchmark sistema
	$(BIN)/python scripts/plan.py benchmark-paginas site

limpiar:
	rm -rf site site.nuevo-* .cache $(VENV) node_modules artefactos
