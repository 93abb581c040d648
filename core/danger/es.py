"""Spanish danger phrasings: suicide, self-harm, violence received, threats made.

Borderline choices (each covered by tests/unit/crisis_phrases/es.toml):
- Figurative "me muero de ganas", "esto me está matando", "me va a matar de la risa", "la
  noticia me golpeó" and "me pegó un susto" stay quiet; "me va a matar si se entera" fires.
- "me hice daño" alone is not enough (a knee, the kitchen); "me hago daño a propósito",
  "quiero hacerme daño" and "me volví a cortar" fire. "No quiero vivir así" stays quiet,
  "ya no quiero vivir" fires. "Tengo miedo de que me haga daño otra vez" is the old wound.
- "violación de la confianza / de los acuerdos" stays quiet; any other "violación" fires.
"""

from __future__ import annotations

_NOT_FIGURATIVE = (
    r"(?<!noticia )(?<!verdad )(?<!realidad )(?<!vida )(?<!esto )(?<!eso )(?<!idea )"
    r"(?<!no )(?<!nunca )(?<!jamás )(?<!culpa )(?<!ansiedad )"
)
_PAREJA = r"(?:marido|esposo|esposa|mujer|pareja|novio|novia|ex|exmarido|expareja)"
_NOT_IDIOM = (
    r"(?! de (?:risa|la risa|vergüenza|pena|ganas|hambre|calor|frío|envidia|amor|aburrimiento|"
    r"un disgusto|un susto|los nervios|celos|los celos|tristeza)\b)"
)

_SUICIDE = (
    r"\bsuicid",
    r"\b(?:matarme|quitarme la vida|me quiero matar|me voy a matar|me mataré|me quité la vida)\b",
    r"\b(?:acabar|terminar|poner fin|ponerle fin) (?:con|a) mi (?:propia )?vida\b",
    r"\b(?<!no )(?:quiero|kiero|quisiera|quería|ganas de|deseo|me quiero|me gustaría) "
    r"(?:morir(?:me)?|estar muert[oa]|dejar de existir|desaparecer para siempre|no existir|"
    rf"no despertar(?:me)?)\b{_NOT_IDIOM}",
    r"\b(?:ya no|no) (?:quiero|kiero) (?:seguir )?vivir\b(?! (?:así|con|en|sin|de esta|de este|"
    r"contigo|aquí|allí|junt\w*|cerca|bajo|como|una vida|mintiendo)\b)",
    r"\b(?:ya no|no) quiero seguir viviendo\b(?! (?:así|con|en|sin|de esta|contigo|aquí|como)\b)",
    r"\bno (?:tengo|hay|encuentro|veo) (?:ninguna |ni una )?(?:razón|razones|motivo|motivos|"
    r"sentido) (?:para|de|en) (?:vivir|seguir viviendo|seguir con vida)\b",
    r"\bnada por (?:lo )?(?:que|cual) vivir\b",
    r"\b(?:la vida|mi vida|vivir) no (?:vale|merece) la pena\b",
    r"\bno vale la pena (?:vivir|seguir viviendo|seguir viv[oa])\b",
    r"\bmejor sin mí\b",
    r"\bojalá (?:estuviera muert[oa]|estar muert[oa]|me muriera|me muera|morirme|"
    r"no hubiera nacido|no haber nacido|no despertar(?:me)?|no despertara|no existir|"
    r"no existiera)\b",
    r"\bno quiero (?:volver a )?despertar(?:me)? (?:nunca|más|jamás)\b",
    r"\bdormir(?:me)? y no (?:despertar(?:me)?|volver a despertar)\b",
    r"\bsobredosis\b",
    r"\b(?:tomarme|tomar|me tomé|tragarme|me tragué|me voy a tomar) (?:todas (?:las|mis) "
    r"(?:pastillas|píldoras|medicinas)|todos (?:los|mis) medicamentos|(?:un|una) (?:montón|puñado|"
    r"caja entera|bote entero) de (?:pastillas|píldoras))\b",
    r"\b(?:ahorcarme|me ahorco|me voy a ahorcar|envenenarme|pegarme un tiro|darme un tiro|"
    r"me pego un tiro|volarme la cabeza|cortarme las venas|me corto las venas)\b",
    r"\b(?:tirarme|lanzarme|arrojarme|me tiro|me lanzo) (?:de|desde|por) (?:un|una|el|la|mi) "
    r"(?:puente|edificio|balcón|ventana|azotea|techo|terraza|acantilado)\b",
    r"\b(?:tirarme|lanzarme|arrojarme|me tiro|me lanzo) (?:a las vías|al tren|al metro|"
    r"bajo (?:un|el) (?:tren|metro|camión|coche))\b",
)

_SELF_HARM = (
    r"\bautolesi",
    r"\b(?:cortarme|me corto|me corté|me he cortado|me estoy cortando|cortándome) (?:otra vez|"
    r"de nuevo|los brazos|las piernas|las muñecas|la piel|los muslos|a propósito)\b",
    r"\b(?:me volví a cortar|me he vuelto a cortar|volví a cortarme|sigo cortándome)\b",
    r"\b(?:hacerme|me hago|me hice|me he hecho|me estoy haciendo) daño(?: a mí mism[oa])?"
    r"(?: (?:a propósito|otra vez|de nuevo)|(?= *(?:[.,!?;]|$)))",
    r"\b(?:quiero|voy a|necesito|ganas de) (?:lastimarme|hacerme daño|cortarme|quemarme)\b",
    r"\b(?:me quemo|me quemé|quemarme) (?:otra vez|de nuevo|a propósito|con (?:cigarros|"
    r"cigarrillos|un mechero|un encendedor))\b",
)

_VIOLENCE_RECEIVED = (
    rf"\b(?=(?:me|nos)\b){_NOT_FIGURATIVE}(?:me|nos) (?:ha |han )?(?:pegó|pegaba|pega|golpeó|"
    r"golpea|golpeaba|"
    r"golpeado|pegado|abofeteó|abofetea|cacheteó|pateó|patea|pateaba|estranguló|estrangula|ahorcó|"
    r"asfixió|violó|viola|violaba|violado|violaron|agredió|agrede|agredía|agredido|maltrata|"
    r"maltrataba|maltrató|empujó contra|empujó al suelo|empujó por las escaleras)\b"
    r"(?! (?:un susto|la gripe|el virus|un grito|la costumbre|un resfriado|bien|mal|mucho)\b)",
    rf"\b(?=me\b){_NOT_FIGURATIVE}me (?:dio|da|daba|ha dado|dieron) (?:una |un )?(?:bofetada|"
    r"cachetada|"
    r"paliza|puñetazo|patada|golpe|golpes|palizas|tortazo|guantazo|bofetadas|cachetadas)\b",
    rf"\b(?=(?:me|nos)\b){_NOT_FIGURATIVE}(?:me|nos) (?:va|van|iba|iban) a matar\b{_NOT_IDIOM}",
    rf"\b(?=(?:me|nos)\b){_NOT_FIGURATIVE}(?:me|nos) (?:matará|mataría|matarán|"
    rf"matarían)\b{_NOT_IDIOM}",
    r"\bamenaz\w* (?:con )?(?:matarme|matarnos|pegarme|golpearme|hacerme daño|lastimarme|"
    r"violarme|matar a|matarse|suicidarse|quitarse la vida|quitarme a (?:los|mis) (?:niños|hijos)|"
    r"(?:un|una|el|la|su) (?:cuchillo|navaja|arma|pistola))\b",
    r"\bamenaz\w* de muerte\b",
    r"\b(?:me|nos) (?:obligó|obliga|obligaba|forzó|fuerza|forzaba|ha obligado|ha forzado) a "
    r"(?:tener sexo|tener relaciones|acostarme|hacer cosas que no quería)\b",
    r"\b(?:abusó|abusa|abusaba|ha abusado) (?:sexualmente )?de mí\b(?! (?:confianza|paciencia|"
    r"bondad|buena fe|tiempo|cariño|amor|generosidad)\b)",
    r"\babuso sexual\b",
    r"\bviolación\b(?! de (?:la |nuestra |mi |tu |su |los |las |nuestros |nuestras |mis )?"
    r"(?:confianza|acuerdo|acuerdos|promesa|promesas|privacidad|límites?|reglas?|normas?|pacto|"
    r"compromiso)\b)",
    r"\bviolencia (?:doméstica|de género|machista|intrafamiliar|física|sexual)\b",
    r"\b(?:es|era|fue) (?:un |una )?(?:maltratador|maltratadora|abusador|abusadora)\b",
    r"\bmaltrato (?:físico|psicológico|sexual)\b",
    r"\b(?:miedo|temo|terror|asusta|aterra)(?: de)?(?: que| q| k)? (?:\w+ )?(?:me|nos) (?:mate|"
    r"maten|pegue|golpee|viole|ataque|estrangule|apuñale|haga algo)\b",
    r"\b(?:miedo|temo|terror|asusta|aterra)(?: de)?(?: que| q| k)? (?:\w+ )?(?:me|nos) "
    r"(?:haga daño|lastime)\b(?! (?:otra vez|de nuevo|como antes|emocionalmente|igual|así)\b)",
    r"\b(?:miedo|temo) (?:por|de perder) (?:mi vida|mi seguridad)\b",
    rf"\b(?:le tengo|tengo) (?:miedo|terror|pánico) a mi {_PAREJA}(?= *(?:[.,!?;)]|$| cuando| a "
    r"veces| ahora| y| porque| físicamente))",
    r"\ble tengo (?:miedo|terror|pánico)(?= *(?:[.,!?;)]|$| cuando| a veces| ahora| y| porque))",
    r"\b(?:no estoy|no me siento|no estamos|no están) (?:a salvo|segur[oa]s?) en (?:casa|mi casa|"
    r"mi propia casa|nuestra casa)\b",
    r"\b(?:estoy|estamos|mis hijos están|los niños están) en peligro\b",
    r"\b(?:me|la|lo) (?:agarró|agarra|apretó|aprieta|cogió|sujetó) (?:del|por el|de la|por la) "
    r"(?:cuello|garganta|pelo)\b",
    r"\bmanos (?:en|alrededor de) mi (?:cuello|garganta)\b",
    r"\bme (?:tiró|lanzó|arrojó|aventó) (?:un|una|el|la|su|mi) (?:plato|vaso|taza|teléfono|celular|"
    r"móvil|silla|cuchillo|botella|lámpara|zapato|llaves|mando)\b",
)

_VIOLENCE_THREATENED = (
    r"\b(?<!no )(?:lo|la|los|las|te) (?:voy a|quiero|podría|puedo|pienso) (?:matar|apuñalar|"
    r"ahorcar|estrangular|acuchillar)\b",
    r"\b(?<!no )(?:quiero|kiero|voy a|podría|puedo|pienso|ganas de) (?:matarlo|matarla|matarlos|"
    r"matarte|apuñalarlo|apuñalarla|ahorcarlo|ahorcarla|estrangularlo|estrangularla)\b",
    r"\b(?<!no )(?:lo|la|te) (?:mataría|mataré)\b(?! de\b)",
    r"\b(?<!no )(?:voy a|quiero|tengo ganas de|ganas de|podría) (?:pegarle|golpearlo|golpearla|"
    r"golpearte|pegarte|hacerle daño|lastimarlo|lastimarla|romperle la cara|partirle la cara)\b"
    r"(?! (?:igual|también|como|de vuelta|emocionalmente|de la misma)\b)",
    r"\b(?:le pegué|lo golpeé|la golpeé|le di una bofetada|le di un puñetazo|le di una paliza|"
    r"la empujé contra|lo empujé contra|la estrangulé|lo estrangulé)\b",
    rf"\b(?<!no )matar a (?:mi {_PAREJA}|esa (?:mujer|tipa|zorra|perra|puta)|"
    r"ese (?:tipo|hombre|cabrón|imbécil|idiota))\b",
)

PATTERNS: tuple[str, ...] = (*_SUICIDE, *_SELF_HARM, *_VIOLENCE_RECEIVED, *_VIOLENCE_THREATENED)
