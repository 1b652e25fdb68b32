# ruff: noqa: E501 -- prose: one prompt per line reads better than wrapped strings.
"""The default leadership framework every district starts from.

The five attribute names follow KnowledgeWorks' Portrait of a Leader; every description,
level descriptor, prompt, example and resource below is written by this project in its
own words. `services.framework_copy_default` copies it into a district.
"""

NAME = "Portrait of a Leader"
DESCRIPTION = (
    "Five attributes that leaders in a classroom, a school or a district lean on when they "
    "move their system toward learning that is personalized and based on what students "
    "can show they know. Use it to reflect, to notice growth, and to talk about leadership "
    "with colleagues."
)

# Each attribute: slug, name, summary, description, descriptors by level, prompts, examples.
# A prompt is (level or "", text); an example is (title, level, story).
ATTRIBUTES = [
    {
        "slug": "human-centered-approaches",
        "name": "Human-Centered Approaches",
        "summary": "Puts people and relationships first: listens, cares, and builds belonging.",
        "description": (
            "A human-centered leader starts from the people a decision touches. They listen "
            "before they act, pay attention to the well-being of students and adults, and make "
            "sure everyone has a place where they are known. Decisions are tested against a "
            "simple question: what will this be like for the people living it?"
        ),
        "descriptors": {
            "classroom": (
                "Knows each student as a person, designs routines that make every learner feel "
                "they belong, and asks students how the class is working for them."
            ),
            "school": (
                "Builds a staff culture where adults feel heard and supported, and brings "
                "student and family voices into the choices the school makes."
            ),
            "district": (
                "Shapes policies and plans around the lived experience of students, families "
                "and staff, and checks how changes land for the people who carry them out."
            ),
        },
        "prompts": [
            (
                "",
                "Describe a recent moment when you listened first and decided later. What did you learn by waiting?",
            ),
            (
                "classroom",
                "Which student is hardest for you to reach right now? What have you tried so they feel they belong?",
            ),
            (
                "school",
                "How do the adults around you know that their well-being matters? Give one concrete example.",
            ),
            (
                "",
                "Think of a decision you made this term. Whose experience did you check before making it, and whose did you miss?",
            ),
        ],
        "examples": [
            (
                "Morning check-ins that changed the schedule",
                "classroom",
                "A seventh-grade teacher began each day with a two-minute check-in card. After "
                "a month the cards showed that many students arrived hungry and tired on "
                "Mondays, so she moved quizzes to midweek and worked with the counselor on a "
                "breakfast cart. Attendance at first period rose by the end of the semester.",
            ),
        ],
    },
    {
        "slug": "transformation",
        "name": "Transformation",
        "summary": "Leads bold, forward-looking change: a shared vision, pilots, and learning from evidence.",
        "description": (
            "A transformational leader is willing to rethink how school works. They help others "
            "see a future worth working toward, try new practice on a small scale, watch what "
            "the evidence says, and adjust without losing sight of the goal."
        ),
        "descriptors": {
            "classroom": (
                "Tries new ways of teaching and assessing, such as letting students show "
                "mastery in different ways, and adjusts based on what students produce."
            ),
            "school": (
                "Rallies colleagues around a shared picture of better learning, runs small "
                "pilots, and turns what works into everyday practice for the whole school."
            ),
            "district": (
                "Sets a clear direction for system change, removes barriers for schools that "
                "innovate, and uses data from pilots to decide what to scale up or stop."
            ),
        },
        "prompts": [
            (
                "",
                "What is one practice in your work that you would redesign if you could start from scratch? Why?",
            ),
            (
                "classroom",
                "Describe a new approach you tried with students. What evidence told you whether it worked?",
            ),
            (
                "school",
                "How have you helped colleagues picture a change before asking them to make it?",
            ),
            (
                "",
                "Tell about a time you changed course because of what you learned. How did you explain the change to others?",
            ),
        ],
        "examples": [
            (
                "A pilot that started with one team",
                "school",
                "Two grade-level teams agreed to try mastery-based grading in math for one "
                "quarter. They met every other week to compare student work, kept what helped "
                "and dropped what confused families. The next year four more teams joined, "
                "using the guide the first teams had written.",
            ),
        ],
    },
    {
        "slug": "authenticity",
        "name": "Authenticity",
        "summary": "Leads with integrity and purpose: models learning and is open about what they do not know.",
        "description": (
            "An authentic leader's actions match their words. They are clear about their "
            "values, show their own learning in public, admit mistakes and gaps, and are "
            "honest with people about why decisions are made."
        ),
        "descriptors": {
            "classroom": (
                "Shows students what learning looks like, including getting things wrong, and "
                "explains the reasons behind classroom decisions."
            ),
            "school": (
                "Is open with staff about goals, trade-offs and their own growth areas, and "
                "follows through on commitments so trust can build."
            ),
            "district": (
                "Communicates plainly with the community about priorities and results, good "
                "and bad, and keeps decisions tied to stated values."
            ),
        },
        "prompts": [
            (
                "",
                "Which of your values showed up most clearly in your work this month? Where did your actions drift from it?",
            ),
            (
                "",
                "Describe a time you said 'I don't know' to students or colleagues. What happened next?",
            ),
            ("school", "How do the people you work with learn the reasons behind your decisions?"),
            ("classroom", "What have you let your students see you learn this year?"),
        ],
        "examples": [
            (
                "Sharing the lesson that flopped",
                "classroom",
                "After a project launch fell flat, a science teacher showed her class her own "
                "notes on what went wrong and asked them to help redesign it. Students said "
                "later it was the first time they felt safe admitting they were stuck.",
            ),
        ],
    },
    {
        "slug": "collaboration",
        "name": "Collaboration",
        "summary": "Builds shared goals and distributed leadership, so leading is everybody's work.",
        "description": (
            "A collaborative leader knows that lasting change is made together. They build "
            "teams with shared goals, co-create plans instead of handing them down, and open "
            "up leadership roles so every teacher can lead something."
        ),
        "descriptors": {
            "classroom": (
                "Plans and reflects with colleagues, shares materials freely, and gives "
                "students real roles in running the classroom."
            ),
            "school": (
                "Builds teams that set their own goals, shares decisions with staff, and helps "
                "teachers take on leadership roles that fit them."
            ),
            "district": (
                "Creates structures that connect schools, partners and families around common "
                "goals, and spreads leadership across the system."
            ),
        },
        "prompts": [
            (
                "",
                "Describe a goal you reached with others that you could not have reached alone. What made the team work?",
            ),
            (
                "school",
                "Who on your team could lead something next year? What would help them take it on?",
            ),
            ("classroom", "How do students share in leading your classroom?"),
            (
                "district",
                "Which partnership outside your school or office has changed how you work?",
            ),
        ],
        "examples": [
            (
                "A vision written by the whole staff",
                "school",
                "Instead of presenting a new school vision, a principal ran three short "
                "sessions in which staff, students and parents drafted statements together. "
                "Teachers then chose which part of the vision their team would own first.",
            ),
        ],
    },
    {
        "slug": "advocacy",
        "name": "Advocacy",
        "summary": "Works for equity, access and opportunity for every learner, and changes systems that exclude.",
        "description": (
            "An advocating leader notices who is being left out and acts on it. They look at "
            "data and stories for patterns of exclusion, speak up for learners who are not in "
            "the room, and work to change the rules and habits that create unequal chances."
        ),
        "descriptors": {
            "classroom": (
                "Notices which students are not getting what they need, adapts teaching and "
                "materials, and speaks up for students' access to opportunities."
            ),
            "school": (
                "Examines school data and practices for unequal outcomes, and changes "
                "schedules, placements or policies that hold groups of students back."
            ),
            "district": (
                "Directs resources toward the students and schools with the greatest need, and "
                "builds equity checks into district decisions."
            ),
        },
        "prompts": [
            (
                "",
                "Which group of learners is least well served by your current practice? What is one step you could take?",
            ),
            (
                "school",
                "Describe a school rule or habit that limits some students' opportunities. How could it change?",
            ),
            (
                "",
                "Tell about a time you spoke up for a student or family. What made it hard, and what did it change?",
            ),
            (
                "district",
                "How does your office check a decision for its effect on the students with the least access?",
            ),
        ],
        "examples": [
            (
                "Opening the advanced course",
                "district",
                "A district team noticed that students from two neighborhoods almost never "
                "enrolled in advanced math. They replaced the teacher-recommendation gate with "
                "an open invitation and summer support, and enrollment from those schools "
                "tripled within two years.",
            ),
        ],
    },
]

# Resources: (attribute slug or "" for the whole framework, title, note).
RESOURCES = [
    (
        "",
        "How to use the Portrait in a team meeting",
        "Pick one attribute per month. Each person brings one short story of it in action, "
        "and the team names what made the story work.",
    ),
    (
        "human-centered-approaches",
        "Empathy interview guide",
        "Ask open questions, follow the story, and do not offer solutions during the "
        "interview. Write down the words people use, not your summary of them.",
    ),
    (
        "transformation",
        "Planning a small pilot",
        "Name the change, the people trying it, what evidence you will look at, and the date "
        "you will decide to keep, adjust or stop it.",
    ),
    (
        "authenticity",
        "A values check-in",
        "Once a month, write down the three values you want to lead by and one decision "
        "from the month that showed each of them, or did not.",
    ),
    (
        "collaboration",
        "Running a shared-goal meeting",
        "Start with the goal, let each person say what they can own, and end with who does "
        "what by when. Rotate who leads the meeting.",
    ),
    (
        "advocacy",
        "Looking at data for equity",
        "Break any result down by student group and by school. Ask which differences are "
        "surprising, and which ones people have stopped noticing.",
    ),
]
