"""Unit tests of the requirements extractor on tricky phrasings.

The quoted sentences are copied from real postings in the snapshot (source and id in the
comment next to each); headings around them are the postings' own.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.requirements import (
    DEGREES,
    SENIORITIES,
    Requirements,
    extract_requirements,
    load_vocabulary,
    to_record,
)
from pipelines.requirements.sections import (
    BOILERPLATE,
    PREFERRED,
    REQUIRED,
    ROLE,
    classify_heading,
    tag_lines,
)

# ---------------------------------------------------------------------------------------------
# Degree


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        # ashby c499927c (LMArena)
        (
            "Requirements:\n - PhD or equivalent research experience in Machine Learning, "
            "Natural Language Processing, Statistics, or a related field",
            "phd_or_equivalent",
        ),
        # anthropic 5066977008
        (
            "You may be a good fit if you have\n- A PhD in molecular biology, virology, "
            "microbiology, biochemistry, systems or computational biology, or a related life "
            "sciences field, OR equivalent professional experience",
            "phd_or_equivalent",
        ),
        # openai 941bad28
        (
            "You might thrive in this role if you:\n- Have a PhD or equivalent experience in "
            "research in computer science, computational science, data science, cognitive "
            "science, or similar fields.",
            "phd_or_equivalent",
        ),
        # remotewlb machine-learning-engineer-ii-ml-credit-decisioning-77536: PhD or experience
        (
            "What We Look For\n- 1+ years of experience as a machine learning engineer or PhD "
            "in a relevant field",
            "phd_or_equivalent",
        ),
        # anthropic 5066951008
        (
            "You may be a good fit if you:\n- Have a Ph.D. in Chemistry, Chemical Engineering, "
            "or a related field with focus on energetic materials, explosives, and/or chemical "
            "weapons",
            "phd_required",
        ),
        # ashby 6ba9a82b (Aleph Alpha PhD internship): enrolled PhD students
        (
            "YOUR PROFILE:\n - Enrollment in a GenAI-related PhD Program, ideally at least in "
            "3rd year",
            "phd_required",
        ),
        # openai a886ff48
        ("Qualifications\n- BS/MS/PhD in Computer Science or a related field.", "bachelors"),
        # ashby 866a3d7a
        ("- BS/MS in Electrical Engineering, Computer Science or related field", "bachelors"),
        # ashby fd7a9808
        (
            "Required Experience\n - BS, MS or PhD in Electrical Engineering, Materials "
            "Science, Chemical Engineering or related field.",
            "bachelors",
        ),
        # anthropic 4681526008
        (
            "Qualifications:\n- Advanced degree (MS or PhD) in Computer Science, Machine "
            "Learning, or a related field",
            "masters",
        ),
        # ashby 8ef0a8b6
        ("- MS or PhD in Computer Science, Machine Learning or related fields", "masters"),
        # anthropic 5066981008
        (
            "You may be a good fit if you have:\n- An M.S. or PhD in Computer Science, "
            "Cybersecurity, or a related technical field, OR equivalent professional "
            "experience in offensive or defensive cybersecurity",
            "masters",
        ),
        # anthropic 4799425008
        (
            "Qualifications & Experience\n- Degree (BA required, MS or PhD preferred) in "
            "Computer Science, Machine Learning, or a related field",
            "phd_preferred",
        ),
        # ashby f1de7894
        (
            "- Bachelor's degree in Computer Science, Machine Learning, or related field "
            "required; Master's or PhD preferred",
            "phd_preferred",
        ),
        # ashby df623e88
        (
            "- Education: Bachelor’s degree (PhD preferred) in a quantitative field "
            "(Statistics, Physics, Mathematics, etc.)",
            "phd_preferred",
        ),
        # hn 46466389 (Stellar Science): the staff share of PhDs is not a requirement
        (
            "Experience: Except for interns, we currently require a Bachelors degree in "
            "physics, engineering, math, computer science, or a related field. Masters or PhD "
            "is a plus. (Roughly 25% of our staff have PhDs.)",
            "phd_preferred",
        ),
        # hn 47247499
        (
            "What we're looking for: proven CNN and LSTM / Transformer experience on clinical "
            "or scientific time-series; hands-on PyTorch, ONNX Runtime, and XAI "
            "(SHAP/LIME/Captum); ability to work directly with clinicians. PhD or MSc preferred.",
            "phd_preferred",
        ),
        # anthropic 5021140008
        ("- Bachelor's degree or equivalent practical experience", "bachelors"),
        # ashby 5f446316 (Hims & Hers): "not strictly required" is not a requirement
        (
            "YOU HAVE:\n - A Master’s degree in Computer Science, Machine Learning, or a "
            "related field (not strictly required)",
            "none",
        ),
        # ashby 7bb75c58: a preferred Bachelor's alone does not count
        ("REQUIREMENTS\n - BS/BA preferred, equivalent work experience", "none"),
        # ashby 42c074ac: other people's PhDs
        (
            "PREFERRED BUT NOT REQUIRED:\n - Experience working closely with PhD scientists "
            "and R&D technology organizations",
            "none",
        ),
        # hn 46907390
        (
            "Existing team includes: post-exit robotics founder + PhD AI/robotics + cracked "
            "fullstack webdev.",
            "none",
        ),
        # ashby 34c3d9bf (EliseAI): "post-PhD" experience is not a degree
        (
            "Requirements\n - Five years of post-PhD experience (either industry of academia)",
            "none",
        ),
        # remotewlb full-stack-software-engineer-net-106902: associate's degree required
        (
            "Education:\n- Associate’s degree in computer science or similar technical "
            "discipline; and\n- Bachelor’s degree preferred.",
            "none",
        ),
        # ashby b681f32f
        (
            "- Bachelor’s degree in Computer Science, Engineering, or equivalent practical "
            "experience",
            "bachelors",
        ),
    ],
)
def test_degree(text: str, degree: str) -> None:
    assert extract_requirements(text).degree == degree


def test_company_boilerplate_degrees_do_not_count() -> None:
    # ashby 12e9e690 (Abridge): the About section mentions PhDs, the role asks for none.
    text = (
        "ABOUT ABRIDGE\n"
        "We are a growing team of practicing MDs, AI scientists, PhDs, creatives, "
        "technologists, and engineers working together to empower people and make care make "
        "more sense.\n"
        "THE ROLE\nAbridge is seeking a Nurse Scientist to drive the development of our "
        "AI-powered nursing documentation tools.\n"
    )
    assert extract_requirements(text).degree == "none"


def test_role_degree_beats_company_wide_floor() -> None:
    # anthropic 5066981008: the role's "M.S. or PhD" and the Logistics section's Bachelor's.
    text = (
        "You may be a good fit if you have:\n"
        "- An M.S. or PhD in Computer Science, Cybersecurity, or a related technical field\n"
        "Logistics\n"
        "Education requirements: We require at least a Bachelor's degree in a related field "
        "or equivalent experience.\n"
    )
    assert extract_requirements(text).degree == "masters"


def test_degree_paired_with_years_takes_the_lowest_track() -> None:
    # remotewlb java-developer-senior-61763: three alternative degree + years tracks.
    text = (
        "Qualifications:\n- Education & Years of Experience:\n"
        "- BS/BA and 8 to 10 years of relevant experience\n"
        "- MS/MA and 6 to 8 years of relevant experience\n"
        "- PHD and 3 to 5 years of relevant experience\n"
    )
    req = extract_requirements(text)
    assert (req.degree, req.min_years) == ("bachelors", 8)


# ---------------------------------------------------------------------------------------------
# Minimum years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # anthropic 5066951008: a range gives its lower end
        (
            "- Have 5-8+ years of experience in chemical weapons and/or explosives defense",
            5,
        ),
        # anthropic 4989518008
        ("- Have 8-10 years of corporate development experience", 8),
        # ashby 34c3d9bf: written number
        ("Requirements\n - Five years of post-PhD experience (either industry of academia)", 5),
        # ashby 4ef6e1ab
        ("- Minimum three years armed security or law enforcement experience", 3),
        # remotewlb software-engineer-116474: written number with the digits in parentheses
        (
            "plus at least two (2) years of experience in the job offered or in any related "
            "position(s) in which the required experience was gained.",
            2,
        ),
        # hn 47226382: "YoE"
        (
            "Looking for: systems-oriented full-stack engineers (staff/principal, 7+ YoE) who "
            "want to build software for the physical world.",
            7,
        ),
        # openai 2b5e8e15: a sub-requirement inside the main one
        (
            "Qualifications\n- 4+ years of relevant industry experience, with 2+ years leading "
            "large scale, complex projects or teams as an engineer or tech lead",
            4,
        ),
        # anthropic 4982193008: alternatives across two bullets joined by "and/or"
        (
            "You may be a good fit if you:\n"
            "- 3+ years of software engineering experience, with security experience a plus "
            "and/or\n"
            "- 5+ years of detection engineering, incident response, or threat hunting "
            "experience\n",
            3,
        ),
        # remotewlb staff-data-scientist-python-sql-autonomy-analytics: degree-tied tracks
        (
            "- Bachelor's degree in Computer Engineering, Computer Science, Electrical "
            "Engineering, Robotics or a related field and 7+ years of relevant experience (or "
            "Master's degree and 5+ years of relevant experience, or PhD and 2+ years of "
            "relevant experience)",
            7,
        ),
    ],
)
def test_min_years(text: str, years: int) -> None:
    assert extract_requirements(text).min_years == years


@pytest.mark.parametrize(
    "text",
    [
        # openai d5b913b4: a cap, not a minimum
        "You might thrive in this role if you:\n- Have up to 6 years of professional software "
        "engineering experience.",
        # ashby 515c6a00: the team's experience, not the candidate's
        "Our team comes with over a decade of industry and research experience from top "
        "organizations and labs like Caltech, Berkeley AI Research Lab, Google Brain, Waymo, "
        "and Qualcomm.",
        # remotewlb senior-developer-data-platform
        "With a decade of experience, we've achieved meaningful results for our clients while "
        "maintaining the agile and transparent ethos of a startup.",
        # ashby 0a9ab068
        "- 🚀 Migrating a Decade of Redshift Usages to Trino at Quora https://quoraengineering",
        # ashby 8ad3cf7b: preferred, not required
        "We generally prefer candidates with at least three years of production coding "
        "experience at a high caliber and high velocity team.",
        # ashby fd7a9808: company history in the About section
        "About Atomic Semi\nSam is best known for making chips in his garage, and Jim has been a "
        "leader in the semiconductor industry for the past 40 years.\nAbout the role\nAs a "
        "Process Development Engineer at Atomic Semi, you'll be responsible for experiment "
        "design and execution of new semiconductor and thin-film fabrication methods.",
        # ashby 12e9e690 (Abridge): a benefit, not a requirement
        "WHY WORK AT ABRIDGE?\nHOW WE TAKE CARE OF ABRIDGERS:\n - Sabbatical Leave: 30 days "
        "of paid Sabbatical Leave after 5 years of employment.",
        # remotewlb senior-software-engineer-conversational-ai-47789: preferred years only
        "What we hope you have:\n- 8+ years of experience contributing to the architecture and "
        "design of large scale distributed systems and/or ML systems and tools.",
    ],
)
def test_years_that_are_not_requirements(text: str) -> None:
    assert extract_requirements(text).min_years is None


# ---------------------------------------------------------------------------------------------
# Seniority


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineer - Campus (Intern & New Grad)", "intern"),
        ("PhD Internship (f/m/d)", "intern"),
        ("Junior Research Scientist", "junior"),
        ("Software Engineer, Infrastructure", "mid"),
        ("Member of Technical Staff (SW Generalist)", "mid"),
        ("Senior Member of Technical Staff, Multimodal AI", "senior"),
        ("(USA) Software Engineer III", "senior"),
        ("Sr. Machine Learning Engineer", "senior"),
        ("Senior Staff Machine Learning Engineer", "staff_plus"),
        ("Principal Applied Scientist- AI", "staff_plus"),
        ("Fullstack Software Engineering Manager, Observability & Evals Platform", "manager"),
        ("Product Manager, Lending", "mid"),
        ("Director, Security Engineering", "director_plus"),
        ("Head of Human Data Operations", "director_plus"),
    ],
)
def test_seniority(title: str, level: str) -> None:
    assert extract_requirements("", title).seniority == level


def test_no_title_no_seniority() -> None:
    assert extract_requirements("Requirements:\n- 5+ years of experience").seniority is None


# ---------------------------------------------------------------------------------------------
# Skills and sections


def test_company_boilerplate_skills_do_not_count() -> None:
    # ashby 443368a3 (Cohere): "Who are we?" names RAG and agents; the role does not.
    text = (
        "Who are we?\n"
        "Our mission is to scale intelligence to serve humanity. We’re training and deploying "
        "frontier models for developers and enterprises who are building AI systems to power "
        "magical experiences like content generation, semantic search, RAG, and agents.\n"
        "You are an ideal candidate if you:\n"
        " - Have a strong command of Python and are well-versed in popular deep learning "
        "frameworks like JAX, PyTorch, and TensorFlow, with an understanding of their "
        "multimodal capabilities.\n"
        " - Bonus: Experience in writing efficient GPU kernels using CUDA, optimising "
        "performance for multimodal tasks.\n"
    )
    assert extract_requirements(text).skills == ["gpu_kernels", "training_frameworks"]


def test_skills_from_title_and_sorted() -> None:
    req = extract_requirements("", "Back-end / Full Stack PHP/Vue.js Developer")
    assert req.skills == ["backend", "full_stack", "web_frontend"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # ashby 78cd7bc7: a sales pipeline is not a data pipeline
        ("- 📢 You have a track record of pipeline creation from outbound", "data_pipelines"),
        # ashby 8fa56659: energy storage is not storage systems
        (
            "- Technical knowledge of one or more aspects related to PCBA reliability, energy "
            "storage systems, drive units, and chassis components.",
            "os_storage",
        ),
        # openai f98ebb87: data scientists as colleagues
        (
            "- Work with data science and visualization colleagues to shape monitoring views",
            "data_science",
        ),
        # ashby e00af535: a URL is not HTML skill
        ("3. Benchmarks: https://spinbench.github.io/index.html", "web_frontend"),
        # ashby 277bb01a: Triton as an inference server is not a GPU kernel language
        ("- Serving: vLLM, TGI, Triton, Ray Serve", "gpu_kernels"),
        # anthropic 5077106008: accounting "evaluations" are not model evals
        (
            "In this role, you will execute complex ASC 606 technical evaluations, draft "
            "comprehensive revenue accounting memos",
            "evaluation",
        ),
    ],
)
def test_skill_false_friends(text: str, absent: str) -> None:
    assert absent not in extract_requirements(text).skills


@pytest.mark.parametrize(
    ("text", "family"),
    [
        (
            "- Familiarity with techniques like RLHF, constitutional AI, and reward modeling",
            "rl_rlhf",
        ),
        (
            "- Work closely with community on LLM engines like vLLM, TensorRT-LLM",
            "inference_engines",
        ),
        (
            "- Contributions to deep learning compilers (Triton, TVM, MLIR)",
            "compilers",
        ),
        (
            "- Distributed Systems: NCCL, NVLink, collective communication, model parallelism",
            "networking",
        ),
        (
            "- Familiarity with GPUs, Kubernetes, and OS internals",
            "os_storage",
        ),
        (
            "- Experience with observability principles and technologies, including "
            "SLI/SLO definition and tracking.",
            "sre_observability",
        ),
        (
            "- Integrated with vector databases (Weaviate, Qdrant, FAISS, Chroma)",
            "rag_retrieval",
        ),
        (
            "- Develop public goods infrastructure that benefits entire ecosystems "
            "through benchmarks, MCP’s, and Agent Skills",
            "agents_tool_use",
        ),
        (
            "- Exceptional writing abilities with the capacity to craft and optimize "
            "prompts for generative AI models.",
            "prompt_engineering",
        ),
        (
            "- Mobile Development (iOS or Android).",
            "mobile",
        ),
        (
            "- Hands-on experience in building big data pipelines.",
            "data_pipelines",
        ),
        (
            '- Design and execute capability evaluations ("evals") to assess the '
            "capabilities of new models",
            "evaluation",
        ),
        (
            "- A statistical expert with strong statistical knowledge and intuition, "
            "ideally applied in experimentation and observational causal studies "
            "settings.",
            "data_science",
        ),
        (
            "- Have significant software engineering experience, particularly with "
            "distributed systems",
            "distributed_systems",
        ),
    ],
)
def test_skill_families_found(text: str, family: str) -> None:
    assert family in extract_requirements(text).skills


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("About Anthropic", BOILERPLATE),
        ("Who is LMArena?", BOILERPLATE),
        ("🍩 Benefits & perks (US Full-time employees)", BOILERPLATE),
        ("About the role:", ROLE),
        ("MEET THE TEAM BEHIND THIS JOURNEY: FOUNDATION MODEL TASK ADAPTATION", ROLE),
        ("In this role, you will:", ROLE),
        ("You may be a good fit if you have:", REQUIRED),
        ("You might thrive in this role if you:", REQUIRED),
        ("⭐️ Is this you?", REQUIRED),
        ("Strong candidates may also have:", PREFERRED),
        ("NOT REQUIRED, BUT IT'S A PLUS IF YOU ALSO HAVE:", PREFERRED),
        ("Preferred Qualifications", PREFERRED),
        ("Nice-to-have", PREFERRED),
        ("- Experience with Kubernetes", None),
        ("Experience with MLOps/LLMOps frameworks and best practices", None),
    ],
)
def test_heading_classification(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def test_intro_before_first_heading_is_company_text() -> None:
    # ashby 011b1ed3 (Synthflow): company intro, then the role's headings.
    lines = tag_lines(
        "Synthflow AI is a no-code platform for deploying voice AI agents that automate phone "
        "calls across contact center operations.\n"
        "ABOUT THE ROLE\nWe’re looking for a Front End Engineer with a strong focus on React, "
        "TypeScript, and Tailwind to build and scale Synthflow’s core platform.\n"
    )
    assert [ln.kind for ln in lines] == [BOILERPLATE, ROLE, ROLE]


def test_post_without_headings_counts_whole_text() -> None:
    # hn 46467424 (Fluidstack): a Hacker News comment has no headings.
    text = "Fluidstack | SWE, SRE, Networking, Infra, TPM, PM, and many more | SF, NYC, ATX, LON"
    assert {"networking", "sre_observability"} <= set(extract_requirements(text).skills)


# ---------------------------------------------------------------------------------------------
# API


def test_to_record_has_exactly_the_columns() -> None:
    req = Requirements(degree="masters", min_years=3, seniority="senior", skills=["backend"])
    assert to_record(req, "abc") == {
        "id": "abc",
        "degree": "masters",
        "min_years": 3,
        "seniority": "senior",
        "skills": ["backend"],
    }


def test_vocabulary_is_versioned_and_documented() -> None:
    vocab = load_vocabulary()
    assert isinstance(vocab["version"], int)
    families = vocab["families"]
    assert len(families) == 20
    for fid, spec in families.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", fid)
        assert spec["description"].strip()
        assert spec.get("terms") or spec.get("case_sensitive")
        for term in spec.get("terms", []) + spec.get("case_sensitive", []):
            re.compile(term)


@pytest.mark.parametrize("text", [None, "", "   \n\n", 42, 3.5, "\x00\ud800", "a" * 200_000])
def test_never_raises_on_odd_input(text) -> None:
    req = extract_requirements(text, title=text)
    assert req.degree in DEGREES
    assert req.seniority is None or req.seniority in SENIORITIES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=60)))
def test_never_raises_on_any_text(text: str, title: str | None) -> None:
    req = extract_requirements(text, title)
    assert req.degree in DEGREES
    assert req.min_years is None or 0 <= req.min_years <= 20
    assert req.skills == sorted(set(req.skills))


def test_years_that_cannot_be_an_experience_bar_are_ignored():
    # Real HN comments (2016) and a 2016 posting about the team, not the candidate.
    study = ("Hunter and Schmidt did a meta-study of 85 years of research on hiring criteria. "
             "There are three attributes you need to look for.")
    team = ("You'll be joining a passionate team consisting of Harvard and Stanford alums with "
            "15+ years' experience in technology product management and 40+ years' experience "
            "building health and lighting products.")
    assert extract_requirements(study).min_years is None
    assert extract_requirements(team).min_years != 40
